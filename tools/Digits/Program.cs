using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using Digits;
using GanKit.Data;
using GanKit.Runtime;
using GanKit.Tools;
using GanKit.Training;

// Numbers are read and written one way on every machine, so a default that --help shows parses back as typed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("""
    The course's terminal commands for chapter 05. From the repository:
      dotnet run --project tools/Digits -c Release -- <command> [options]
    Add --help after a command for its options; GANKIT_SMOKE=1 in front makes any of them a smoke-size run.
    """)
{
    GanTraining.Command(),
    CheckpointEvaluation.Command(),
    ClassifierTraining.Command(),
};

// Without a command: the usage, on the error stream, as a mistake.
root.SetAction(_ =>
{
    root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
    return 2;
});

try
{
    var parse = root.Parse(args);
    if (parse.Action is ParseErrorAction)
    {
        // One line: the first error about an option's value if there is one (a stray word is often that value's
        // consequence), else the first error; and where the options are listed.
        var error = parse.Errors.OrderBy(error => error.SymbolResult is CommandResult ? 1 : 0).First();
        var command = parse.CommandResult.Command == root ? root.Name : $"{root.Name} {parse.CommandResult.Command.Name}";
        Console.Error.WriteLine($"{error.Message.ReplaceLineEndings(" ")} See '{command} --help'.");
        return 2;
    }

    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CommandLineException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
catch (Exception exception) when (exception is ArgumentException or DataFileException or TrainingDivergedException or TorchStartException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(exception.Message.ReplaceLineEndings(" "));
    return 1;
}
catch (Exception exception)
{
    return UnexpectedFailure.Report("Digits", exception);
}
