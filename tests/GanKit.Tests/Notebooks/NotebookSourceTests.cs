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

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.ipynb$")]
    private static partial Regex NotebookName();

    [GeneratedRegex(@"#r\s+\\""nuget:\s*(?<package>[^,\\""]+)(,\s*(?<version>[^\\""]*))?\\""")]
    private static partial Regex NugetReference();
}
