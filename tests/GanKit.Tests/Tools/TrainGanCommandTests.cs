using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Tools;

/// <summary>
/// <c>tools/Digits train-gan</c> in smoke size: killed mid-run, it resumes from its newest checkpoint, the step count
/// continues and no checkpoint is lost or changed; it refuses to start over an earlier run without <c>--resume</c>.
/// </summary>
public sealed class TrainGanCommandTests : IDisposable
{
    private const int Steps = 1_000;   // the first run's length: far more than it gets before the kill
    private const int Every = 10;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10];
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-train-gan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_killed_run_resumes_from_its_newest_checkpoint_and_loses_none()
    {
        var output = Path.Combine(folder, "run");
        var checkpoints = new CheckpointFolder(Path.Combine(output, "checkpoints"), Every);

        // 1. Start a run and kill it once it says it has written two checkpoints.
        var saved = new List<string>();
        using var twoSaved = new ManualResetEventSlim();
        var start = Arguments(output, []);
        start.RedirectStandardOutput = true;
        using (var first = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."))
        {
            first.OutputDataReceived += (_, line) =>
            {
                lock (saved)
                {
                    if (line.Data?.StartsWith("Checkpoint: ", StringComparison.Ordinal) == true)
                    {
                        saved.Add(line.Data);
                    }

                    if (saved.Count >= 2)
                    {
                        twoSaved.Set();
                    }
                }
            };
            first.BeginOutputReadLine();
            var signalled = twoSaved.Wait(TimeSpan.FromMinutes(3));
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
            Assert.True(signalled, "The run did not report two checkpoints within 3 minutes.");
        }

        var beforeResume = checkpoints.List();
        Assert.InRange(beforeResume.Count, 2, (Steps / Every) - 1);
        var resumeTo = beforeResume[^1].Step + (2 * Every);
        var fingerprints = beforeResume.ToDictionary(entry => entry.Path, entry => Hash(entry.Path));
        var killedAt = beforeResume[^1].Step;
        Assert.Equal(killedAt, GanCheckpoint.ReadHeader(beforeResume[^1].Path).Step);

        // 2. Starting again without --resume is refused, and nothing changes.
        var (refusedCode, refusedOutput) = Run(output);
        Assert.Equal(1, refusedCode);
        Assert.Contains($"already holds checkpoints up to step {killedAt}. Pass --resume", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(fingerprints.Keys.Order(), checkpoints.List().Select(entry => entry.Path).Order());

        // 3. Resume (for two more checkpoints' worth of steps) with the late-run settings of the shipped generator, which
        //    add no weights: the step count continues from the newest checkpoint.
        var (code, text) = Run(output, "--resume", "--steps", $"{resumeTo}", "--dropout", "0.1", "--r1", "0.5", "--eval-every", $"{Every}");
        Assert.True(code == 0, text);
        Assert.Contains("with dropout 0.1;", text, StringComparison.Ordinal);
        Assert.Contains("R1 penalty γ 0.5,", text, StringComparison.Ordinal);
        Assert.Contains($"Resumed from {checkpoints.PathFor(killedAt)}: step {killedAt} of {resumeTo}.", text, StringComparison.Ordinal);
        Assert.Contains($"Trained {resumeTo - killedAt} steps", text, StringComparison.Ordinal);

        var after = checkpoints.List();
        Assert.Equal(Enumerable.Range(1, resumeTo / Every).Select(index => index * Every), after.Select(entry => entry.Step));
        foreach (var (path, hash) in fingerprints)
        {
            Assert.Equal(hash, Hash(path));   // no checkpoint lost or rewritten
        }

        Assert.Equal(resumeTo, GanCheckpoint.ReadHeader(after[^1].Path).Step);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!;
        Assert.Equal(killedAt, (int)metrics["resumed_from"]!);
        Assert.Equal(resumeTo, (int)metrics["steps"]!);
        Assert.Equal((0.1, 0.5), ((double)metrics["discriminator_dropout"]!, (double)metrics["r1_weight"]!));
        Assert.True(double.IsFinite((double)metrics["digit_fid"]!));

        // Each evaluation of this leg is recorded — at --eval-every's steps, then the final one — with its training time,
        // and the second opinion at k = 5, whose larger balls can only hold more points than k = 3's.
        var evaluations = metrics["evaluations"]!.AsArray();
        Assert.Equal([killedAt + Every, resumeTo], evaluations.Select(evaluation => (int)evaluation!["step"]!));
        Assert.True((double)evaluations[0]!["training_seconds"]! <= (double)evaluations[1]!["training_seconds"]!);
        Assert.Equal((double)metrics["precision"]!, (double)evaluations[1]!["precision"]!);
        foreach (var evaluation in evaluations)
        {
            Assert.InRange((double)evaluation!["precision_k5"]!, (double)evaluation["precision"]!, 1);
            Assert.InRange((double)evaluation["recall_k5"]!, (double)evaluation["recall"]!, 1);
        }
        var grid = File.ReadAllBytes(Path.Combine(output, "samples.png"));
        Assert.Equal(PngSignature, grid[..8]);
    }

    [Fact]
    public void Resident_memory_stays_flat_from_step_to_step()
    {
        // Before GanKit collected TorchSharp's undisposed native scalars (NativeScalars), the DCGAN's process grew by about
        // 3 MiB a step here, 300 MiB between steps 100 and 200; with the collection, a few MiB.
        var output = Path.Combine(folder, "memory");
        var (code, text) = DigitsCommand.Run(["train-gan", "--steps", "300", "--checkpoint-every", "1000", "--eval-samples", "100", "--output", output]);
        Assert.True(code == 0, text);

        var log = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!["log"]!.AsArray();
        var resident = log.ToDictionary(entry => (int)entry!["step"]!, entry => (double)entry!["resident_mib"]!);
        Assert.Equal([100, 200, 300], resident.Keys);
        Assert.True(resident[300] - resident[100] < 60, $"Resident memory grew from {resident[100]:F0} MiB at step 100 to {resident[300]:F0} MiB at step 300.");
    }

    [Fact]
    public void A_discriminator_width_of_its_own_and_decaying_rates_are_trained_and_recorded()
    {
        var output = Path.Combine(folder, "options");
        var (code, text) = Run(output, "--steps", "20", "--d-width", "16", "--decay");
        Assert.True(code == 0, text);

        // The DCGAN discriminator at width 16: 1·16·4·4 + 16, 16·32·4·4 + 32, 32·64·3·3 + 64 and 64·16 + 1 weights.
        const int DiscriminatorParameters = (16 * 16) + 16 + (16 * 32 * 16) + 32 + (32 * 64 * 9) + 64 + (64 * 16) + 1;
        Assert.Contains(FormattableString.Invariant($"D {DiscriminatorParameters:N0} (width 16) with dropout"), text, StringComparison.Ordinal);
        Assert.Contains("decaying linearly to 0", text, StringComparison.Ordinal);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!;
        Assert.Equal((32, 16, 20), ((int)metrics["width"]!, (int)metrics["discriminator_width"]!, (int)metrics["lr_decay_steps"]!));

        // The schedule is kept beside the checkpoints, and a resume that would change it is refused before it loads anything.
        var schedule = Path.Combine(output, "checkpoints", "schedule.json");
        Assert.Equal(20, (int)JsonNode.Parse(File.ReadAllText(schedule))!["lr_decay_steps"]!);
        var (longerCode, longer) = Run(output, "--resume", "--steps", "40", "--decay");
        Assert.True(longerCode == 2, longer);
        Assert.Contains("Resume it with --decay --steps 20,", longer, StringComparison.Ordinal);

        // evaluate-gan measures the run's checkpoints when told that width, and refuses them by name when not.
        var checkpoints = Path.Combine(output, "checkpoints");
        var (refusedCode, refused) = DigitsCommand.Run(["evaluate-gan", "--checkpoints", checkpoints, "--eval-samples", "100"]);
        Assert.True(refusedCode == 1, refused);
        Assert.Contains("of other sizes than this run's", refused, StringComparison.Ordinal);
        var (measuredCode, measured) = DigitsCommand.Run(["evaluate-gan", "--checkpoints", checkpoints, "--eval-samples", "100", "--d-width", "16"]);
        Assert.True(measuredCode == 0, measured);
        Assert.Contains("\n20,", measured.ReplaceLineEndings("\n"), StringComparison.Ordinal);   // the CSV line of the checkpoint at step 20
    }

    private static (int Code, string Output) Run(string output, params string[] extra) => DigitsCommand.Run(CommandLine(output, extra));

    private static ProcessStartInfo Arguments(string output, string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, ArgumentList = { DigitsCommand.Dll } };
        foreach (var argument in CommandLine(output, extra))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GANKIT_SMOKE"] = "1";
        return start;
    }

    private static string[] CommandLine(string output, string[] extra) =>
        ["train-gan", "--checkpoint-every", $"{Every}", "--eval-samples", "100", "--output", output, .. extra.Contains("--steps") ? extra : [.. extra, "--steps", $"{Steps}"]];

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
