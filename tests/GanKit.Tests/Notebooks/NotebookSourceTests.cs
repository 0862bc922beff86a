using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>The committed notebooks: named NN-topic, no outputs, Polyglot metadata, no package version of their own.</summary>
public sealed partial class NotebookSourceTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_source_is_committed_clean_with_polyglot_metadata(string name)
    {
        Assert.Matches(NotebookName(), name);
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", name)))!;

        Assert.Equal(".net-csharp", (string?)notebook["metadata"]?["kernelspec"]?["name"]);
        Assert.Equal("csharp", (string?)notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        foreach (var cell in notebook["cells"]!.AsArray().Where(cell => (string?)cell!["cell_type"] == "code"))
        {
            Assert.Empty(cell!["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]?.GetValue<int>());
            Assert.Equal("csharp", (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"]);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_takes_package_versions_from_the_one_pinned_place(string name)
    {
        var pinned = PinnedVersions();
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", name));

        foreach (Match reference in NugetReference().Matches(source))
        {
            var package = reference.Groups["package"].Value.Trim();
            var version = reference.Groups["version"].Value.Trim();
            Assert.True(pinned.TryGetValue(package, out var expected), $"{name} references {package}, which Directory.Packages.props does not pin.");
            Assert.True(version == expected, $"{name} asks for {package} {(version.Length == 0 ? "without a version" : version)}; Directory.Packages.props pins {expected}.");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_makes_every_tensor_on_the_session_device_and_reads_values_only_from_the_cpu(string name)
    {
        var problems = new List<string>();
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", name)))!;
        var codeCells = notebook["cells"]!.AsArray().Where(cell => (string?)cell!["cell_type"] == "code").Select(cell => (string)cell!["id"]!).ToList();
        foreach (var cell in notebook["cells"]!.AsArray().Where(cell => (string?)cell!["cell_type"] == "code"))
        {
            var source = string.Concat(cell!["source"]!.AsArray().Select(line => (string)line!));
            foreach (Match call in TensorFactoryCall().Matches(source))
            {
                var arguments = Arguments(source, call.Index + call.Length);
                if (!arguments.Contains("device", StringComparison.Ordinal))
                {
                    problems.Add($"{cell["id"]}: {call.Groups["factory"].Value}({arguments}) has no device: — pass device: device (the session's device)");
                }
            }

            foreach (Match read in DataRead().Matches(source))
            {
                problems.Add($"{cell["id"]}: '{read.Value.Trim()}' reads a tensor's memory without .to(CPU) first; on a GPU that throws");
            }
        }

        Assert.True(codeCells.Count > 0, $"{name} has no code cells.");
        Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
    }

    /// <summary>The text between the parenthesis that starts at <paramref name="start"/> and its match.</summary>
    private static string Arguments(string source, int start)
    {
        var depth = 1;
        for (var index = start; index < source.Length; index++)
        {
            depth += source[index] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[start..index];
            }
        }

        return source[start..];
    }

    /// <summary>Directory.Packages.props's package versions, with its version properties (<c>$(TorchSharpVersion)</c>) filled in.</summary>
    internal static Dictionary<string, string> PinnedVersions()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"));
        var properties = props.Descendants("PropertyGroup").Elements().ToDictionary(element => element.Name.LocalName, element => element.Value, StringComparer.Ordinal);
        return props.Descendants("PackageVersion").ToDictionary(
            element => (string)element.Attribute("Include")!,
            element => PropertyReference().Replace((string)element.Attribute("Version")!, match => properties[match.Groups["name"].Value]),
            StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z]+)\)")]
    private static partial Regex PropertyReference();

    // torch's factories that make a tensor from nothing (the *_like ones follow their input, so they are not listed).
    [GeneratedRegex(@"(?<![\w.])(torch\.)?(?<factory>randn|rand|randint|randperm|zeros|ones|full|empty|tensor|from_array|arange|linspace|logspace|eye|normal)\(")]
    private static partial Regex TensorFactoryCall();

    // .data<T>() reads the tensor's memory, which must be on the CPU: allowed only right after .to(CPU) or .cpu().
    [GeneratedRegex(@"(?<!\.to\(CPU\)|\.cpu\(\))\.data<")]
    private static partial Regex DataRead();

    [GeneratedRegex(@"^\d\d[a-z]?-[a-z0-9-]+\.ipynb$")]   // NN-topic, or NNx-topic for one of a chapter's parts (06a, 06b, …)
    private static partial Regex NotebookName();

    [GeneratedRegex(@"#r\s+\\""nuget:\s*(?<package>[^,\\""]+)(,\s*(?<version>[^\\""]*))?\\""")]
    private static partial Regex NugetReference();
}
