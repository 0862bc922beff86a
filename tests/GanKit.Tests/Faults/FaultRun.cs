using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace GanKit.Tests.Faults;

/// <summary>
/// The fault suite's common ground: runs a command as a user would (optionally inside a private mount namespace, where
/// a read-only or full disk can be made without touching the machine's), and asserts that the fault ended in one
/// clear line — a non-zero exit code, the expected words on the last line printed, and no stack trace anywhere.
/// </summary>
internal static partial class FaultRun
{
    /// <summary>The SHA-256 of every file under the real <c>data/</c>, taken when the first fault test asks for it.</summary>
    public static SortedDictionary<string, string> DataAtStart { get; } = Hashes(DataFolder);

    /// <summary>The repository's <c>data/</c> folder.</summary>
    public static string DataFolder => Path.Combine(RepositoryPaths.Root, "data");

    /// <summary>What a finished command printed, each stream on its own.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        /// <summary>Both streams, standard output first.</summary>
        public string All => Output + Error;

        /// <summary>The last non-blank line of standard error, else of standard output: the line a user reads last.</summary>
        public string LastLine => LastNonBlank(Error) ?? LastNonBlank(Output) ?? "";

        private static string? LastNonBlank(string text) =>
            text.Split('\n').Select(line => line.TrimEnd('\r')).LastOrDefault(line => line.Trim().Length > 0);
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="folder"/>; null environment values are removed.</summary>
    public static Outcome Run(string folder, IReadOnlyDictionary<string, string?> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (error) { error.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within 5 minutes. Output so far:\n{output}{error}");
        }

        process.WaitForExit();
        var outcome = new Outcome(process.ExitCode, output.ToString(), error.ToString());
        Record($"exit {outcome.ExitCode}", outcome.LastLine);
        return outcome;
    }

    /// <summary>
    /// Appends the line a fault ended in to <c>artifacts/fault-suite/lines.tsv</c> (test, exit code or exception, line),
    /// the list environment.md's troubleshooting table and the issue's note are read from. The tests run one at a time.
    /// </summary>
    public static void Record(string ending, string line)
    {
        var test = new StackTrace().GetFrames()
            .Select(frame => frame.GetMethod())
            .FirstOrDefault(method => method?.DeclaringType?.Name.EndsWith("FaultTests", StringComparison.Ordinal) == true && !method.IsPrivate);
        if (test is null)
        {
            return;   // a probe, not a case
        }

        var file = Path.Combine(RepositoryPaths.Root, "artifacts", "fault-suite", "lines.tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{test.DeclaringType?.Name}.{test.Name}\t{ending}\t{line.Replace('\t', ' ')}\n");
    }

    /// <summary>
    /// Why a private mount namespace cannot be made here (the command <c>unshare -m</c> needs root or user namespaces),
    /// or null when it can; the tests that need one skip with this reason.
    /// </summary>
    public static string? MountNamespaceProblem { get; } = ProbeMountNamespace();

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> after mounting a tmpfs at <paramref name="mountPoint"/> in a
    /// private mount namespace (<paramref name="mountOptions"/>: <c>ro</c>, <c>size=200k</c>, …); nothing outside the
    /// command sees the mount, and it disappears with the command.
    /// </summary>
    public static Outcome RunWithTmpfs(string folder, IReadOnlyDictionary<string, string?> environment, string mountPoint, string mountOptions, params string[] arguments)
    {
        Directory.CreateDirectory(mountPoint);
        return Run(folder, environment, "unshare", ["-m", "sh", "-c", "mount -t tmpfs -o \"$1\" tmpfs \"$2\" && shift 2 && exec dotnet \"$@\"", "sh", mountOptions, mountPoint, .. arguments]);
    }

    /// <summary>The fault ended in one clear line: non-zero exit, <paramref name="expected"/> on the last line, no stack trace.</summary>
    public static void IsOneClearLine(Outcome outcome, params string[] expected)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Assert.True(outcome.ExitCode != 0, $"The command succeeded (exit 0) instead of failing.\n{outcome.All}");
        HasNoStackTrace(outcome);
        foreach (var words in expected)
        {
            Assert.True(outcome.LastLine.Contains(words, StringComparison.Ordinal), $"The last line does not say '{words}':\n{outcome.LastLine}\n--- everything printed:\n{outcome.All}");
        }
    }

    /// <summary>Nothing printed looks like a .NET stack trace or an unhandled-exception report.</summary>
    public static void HasNoStackTrace(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var traceLine = outcome.All.Split('\n').FirstOrDefault(line => StackTraceLine().IsMatch(line));
        Assert.True(traceLine is null, $"A stack trace was printed ('{traceLine?.Trim()}'):\n{outcome.All}");
    }

    /// <summary>The SHA-256 of every file under <paramref name="folder"/>, by path relative to it.</summary>
    public static SortedDictionary<string, string> Hashes(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                hashes[Path.GetRelativePath(folder, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return hashes;
    }

    /// <summary>Every file under <paramref name="folder"/> is byte-identical to <paramref name="before"/>, and none was added or removed.</summary>
    public static void Unchanged(string folder, SortedDictionary<string, string> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var after = Hashes(folder);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, hash) in before)
        {
            Assert.True(after[file] == hash, $"{Path.Combine(folder, file)} changed.");
        }
    }

    private static string? ProbeMountNamespace()
    {
        try
        {
            var probe = Directory.CreateTempSubdirectory("gankit-mount-probe-").FullName;
            try
            {
                var outcome = Run(probe, new Dictionary<string, string?>(), "unshare", "-m", "sh", "-c", $"mount -t tmpfs -o size=64k tmpfs '{probe}'");
                return outcome.ExitCode == 0 ? null : $"'unshare -m' with a tmpfs mount failed here (exit {outcome.ExitCode}: {outcome.Error.Trim()})";
            }
            finally
            {
                Directory.Delete(probe, recursive: true);
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"'unshare' cannot be started here ({exception.Message})";
        }
    }

    // "   at Namespace.Type.Method(…)", "Unhandled exception.", "--- End of stack trace …", "System.IO.IOException: …".
    [GeneratedRegex(@"^\s+at \S+\(|Unhandled exception|--- End of (inner exception )?stack trace|^\s*(System|Microsoft|TorchSharp)\.[\w.]+Exception\b")]
    private static partial Regex StackTraceLine();
}
