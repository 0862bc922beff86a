using System.Globalization;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Tools;

/// <summary>
/// <c>tools/Digits</c>' command line, run as a user runs it: help for the tool and each command, with the defaults; a
/// mistake is one line naming the option as typed (or the path), a non-zero exit, no stack trace, and nothing written.
/// </summary>
public sealed class DigitsCommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-digits-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Without_arguments_it_prints_the_usage_and_fails()
    {
        var (code, text) = DigitsCommand.Run([]);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", text, StringComparison.Ordinal);
        foreach (var command in new[] { "train-gan", "evaluate-gan", "train-classifier" })
        {
            Assert.Contains($"  {command} ", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("train-gan", "--model --steps --output --checkpoint-every --resume --seed --eval-samples --eval-every --width --d-width --batch --g-lr --d-lr --decay --average --dropout --r1")]
    [InlineData("evaluate-gan", "--model --checkpoints --every --eval-samples --width --d-width")]
    [InlineData("train-classifier", "--output --epochs --seed")]
    public void Each_command_has_help_listing_every_option(string command, string options)
    {
        var (code, text) = DigitsCommand.Run([command, "--help"]);

        Assert.True(code == 0, text);
        foreach (var option in options.Split(' '))
        {
            Assert.NotNull(OptionLine(text, option));
        }
    }

    [Fact]
    public void Train_gan_help_shows_the_recipe_defaults_of_a_full_size_run()
    {
        var recipe = DigitGan.Recipe(DigitGanModel.Dcgan);

        var (code, text) = DigitsCommand.Run(["train-gan", "--help"], smoke: false);

        Assert.True(code == 0, text);
        Assert.EndsWith($"[default: {DigitGan.DcganSteps}]", OptionLine(text, "--steps"), StringComparison.Ordinal);
        Assert.EndsWith($"[default: {recipe.Width}]", OptionLine(text, "--width"), StringComparison.Ordinal);
        Assert.EndsWith($"[default: {recipe.DiscriminatorChannels}]", OptionLine(text, "--d-width"), StringComparison.Ordinal);
        Assert.EndsWith(Invariant($"[default: {recipe.DiscriminatorDropout}]"), OptionLine(text, "--dropout"), StringComparison.Ordinal);
        Assert.EndsWith(Invariant($"[default: {recipe.Options.GeneratorLearningRate}]"), OptionLine(text, "--g-lr"), StringComparison.Ordinal);
        Assert.EndsWith(Invariant($"[default: {recipe.Options.R1Weight}]"), OptionLine(text, "--r1"), StringComparison.Ordinal);
        Assert.EndsWith("[default: dcgan]", OptionLine(text, "--model"), StringComparison.Ordinal);
        Assert.EndsWith("[default: artifacts/gan/<model>]", OptionLine(text, "--output"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train-gan --steps 0", "--steps must be a whole number of at least 1, not '0'.")]
    [InlineData("train-gan --steps=many", "--steps must be a whole number of at least 1, not 'many'.")]
    [InlineData("train-gan --checkpoint-every 0", "--checkpoint-every must be a whole number of at least 1, not '0'.")]
    [InlineData("train-gan --r1 -1", "--r1 must be 0 (off) or a positive number, not '-1'.")]
    [InlineData("train-gan --dropout 1", "--dropout must be at least 0 and below 1, not '1'.")]
    [InlineData("train-gan --g-lr 0", "--g-lr must be a positive number, not '0'.")]
    [InlineData("train-gan --eval-samples 20000", "--eval-samples must be a whole number from 10 to 10000, not '20000'.")]
    [InlineData("train-gan --model gan", "--model must be dcgan or mlp, not 'gan'.")]
    [InlineData("train-gan --model mlp --width 16", "--width applies to --model dcgan only:")]
    [InlineData("train-gan --model mlp --dropout 0.1", "--dropout applies to --model dcgan only:")]
    [InlineData("train-gan --setps 5", "Unrecognized command or argument '--setps'.")]
    [InlineData("train-gan --steps", "Required argument missing for option: '--steps'.")]
    [InlineData("evaluate-gan --every 0", "--every must be a whole number of at least 1, not '0'.")]
    [InlineData("evaluate-gan --model mlp --width 16", "--width applies to --model dcgan only:")]
    [InlineData("evaluate-gan --model mlp --d-width 16", "--d-width applies to --model dcgan only:")]
    [InlineData("train-classifier --epochs eight", "--epochs must be a whole number of at least 1, not 'eight'.")]
    [InlineData("train-digits", "Unrecognized command or argument 'train-digits'.")]
    public void A_bad_command_line_is_one_line_naming_what_was_typed(string commandLine, string expected)
    {
        var output = Path.Combine(folder, "run");
        var words = commandLine.Split(' ');
        string[] arguments = words[0].StartsWith("train-", StringComparison.Ordinal) ? [words[0], "--output", output, .. words[1..]] : words;

        var (code, text) = DigitsCommand.Run(arguments);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, OneLine(text), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "Nothing may be written for a command line that was refused.");
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_refused_naming_the_option()
    {
        var file = Path.Combine(folder, "notes.txt");
        File.WriteAllText(file, "a user's file");

        var (code, text) = DigitsCommand.Run(["train-gan", "--output", file]);

        Assert.Equal(2, code);
        Assert.Equal($"--output {file} is a file, not a folder: name a folder. See 'Digits train-gan --help'.", OneLine(text));
        Assert.Equal("a user's file", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("train-gan")]
    [InlineData("train-classifier")]
    public void An_output_folder_that_cannot_be_written_is_one_line_before_any_training(string command)
    {
        File.WriteAllText(Path.Combine(folder, "file"), "");
        var output = Path.Combine(folder, "file", "run");   // a folder inside a file cannot be made

        var (code, text) = DigitsCommand.Run([command, "--output", output]);

        Assert.Equal(1, code);
        Assert.StartsWith($"--output {output}: cannot write there (", OneLine(text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_an_earlier_runs_results_is_not_trained_over()
    {
        var grid = Path.Combine(folder, "samples.png");
        File.WriteAllText(grid, "an earlier picture");

        var (code, text) = DigitsCommand.Run(["train-gan", "--output", folder]);

        Assert.Equal(1, code);
        Assert.StartsWith($"{grid} exists already. Choose another --output", OneLine(text), StringComparison.Ordinal);
        Assert.Equal("an earlier picture", File.ReadAllText(grid));
    }

    [Fact]
    public void Resuming_to_a_step_behind_the_newest_checkpoint_is_refused()
    {
        var checkpoint = Path.Combine(folder, "checkpoints", "step-0000100.gan-checkpoint");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        File.WriteAllText(checkpoint, "not read: the step is in the name");

        var (code, text) = DigitsCommand.Run(["train-gan", "--output", folder, "--resume", "--steps", "50"]);

        Assert.Equal(2, code);
        Assert.StartsWith("--steps 50 is behind the newest checkpoint in ", OneLine(text), StringComparison.Ordinal);
        Assert.Contains("pass --steps 100 or more", text, StringComparison.Ordinal);
        Assert.Equal("not read: the step is in the name", File.ReadAllText(checkpoint));
    }

    [Theory]
    [InlineData("100", "--decay --steps 200", "This run's learning rates decay to 0 over 100 steps", "a resume with --decay --steps 200 would make them jump. Resume it with --decay --steps 100,")]
    [InlineData("100", "--steps 100", "This run's learning rates decay to 0 over 100 steps", "a resume with no --decay would make them jump. Resume it with --decay --steps 100,")]
    [InlineData("0", "--decay --steps 100", "This run's learning rates stay constant", "a resume with --decay --steps 100 would make them jump. Resume it with no --decay,")]
    public void Resuming_with_another_learning_rate_schedule_is_refused(string recorded, string options, string starts, string asks)
    {
        var checkpoints = Path.Combine(folder, "checkpoints");
        Directory.CreateDirectory(checkpoints);
        var checkpoint = Path.Combine(checkpoints, "step-0000050.gan-checkpoint");
        File.WriteAllText(checkpoint, "not read: the schedule is checked first");
        var schedule = Path.Combine(checkpoints, "schedule.json");
        File.WriteAllText(schedule, $"{{\"lr_decay_steps\":{recorded}}}\n");

        var (code, text) = DigitsCommand.Run(["train-gan", "--output", folder, "--resume", .. options.Split(' ')]);

        Assert.Equal(2, code);
        Assert.StartsWith($"{starts} ({schedule}); {asks}", OneLine(text), StringComparison.Ordinal);
        Assert.Equal("not read: the schedule is checked first", File.ReadAllText(checkpoint));
        Assert.Equal($"{{\"lr_decay_steps\":{recorded}}}\n", File.ReadAllText(schedule));
    }

    [Fact]
    public void A_schedule_file_train_gan_did_not_write_is_named_and_left_as_it_is()
    {
        var checkpoints = Path.Combine(folder, "checkpoints");
        Directory.CreateDirectory(checkpoints);
        File.WriteAllText(Path.Combine(checkpoints, "step-0000050.gan-checkpoint"), "not read");
        var schedule = Path.Combine(checkpoints, "schedule.json");
        File.WriteAllText(schedule, "my notes");

        var (code, text) = DigitsCommand.Run(["train-gan", "--output", folder, "--resume", "--steps", "100"]);

        Assert.Equal(1, code);
        Assert.Contains($"{schedule} is not the schedule train-gan writes", OneLine(text), StringComparison.Ordinal);
        Assert.Equal("my notes", File.ReadAllText(schedule));
    }

    [Fact]
    public void Evaluating_a_folder_without_checkpoints_names_the_option_to_fix()
    {
        var (code, text) = DigitsCommand.Run(["evaluate-gan", "--checkpoints", folder]);

        Assert.Equal(1, code);
        Assert.Equal($"There are no checkpoints (step-*.gan-checkpoint) in {folder}. Name a train-gan run's checkpoints folder with --checkpoints.", OneLine(text));
    }

    /// <summary>The one line the tool printed (failing when it printed more, e.g. a stack trace).</summary>
    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"Expected one line, got {lines.Length}:\n{text}");
        return lines[0];
    }

    /// <summary>The help line of <paramref name="option"/> (help is not wrapped when redirected), or null.</summary>
    private static string? OptionLine(string help, string option) =>
        help.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith($"{option} ", StringComparison.Ordinal));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
