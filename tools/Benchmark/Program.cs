using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using Benchmark;
using GanKit.Data;
using GanKit.Runtime;
using GanKit.Tools;

// Numbers are read and written one way on every machine, so a default that --help shows parses back as typed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = BenchmarkCommand.Create();
try
{
    var parse = root.Parse(args);
    if (parse.Action is ParseErrorAction)
    {
        // One line: the first error about an option's value if there is one (a stray word is often that value's
        // consequence), else the first error; and where the options are listed.
        var error = parse.Errors.OrderBy(error => error.SymbolResult is CommandResult ? 1 : 0).First();
        Console.Error.WriteLine($"{error.Message.ReplaceLineEndings(" ")} See '{root.Name} --help'.");
        return 2;
    }

    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (exception is ArgumentException or DataFileException or TorchStartException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(exception.Message.ReplaceLineEndings(" "));
    return 1;
}
catch (Exception exception)
{
    return UnexpectedFailure.Report("Benchmark", exception);
}
