using System.Text.Json.Nodes;
using GanKit.Tests.Notebooks;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>
/// GanKit.csproj's backend switch, read from MSBuild's evaluation (no restore: the CUDA packages are not needed for
/// this): the CPU natives by default, TorchSharp-cuda-linux when asked for or when an NVIDIA GPU is visible, both at the
/// versions pinned once in Directory.Packages.props, and one clear error for anything else.
/// </summary>
public sealed class BackendSelectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly string Project = Path.Combine(RepositoryPaths.Root, "lib", "GanKit", "GanKit.csproj");

    [Fact]
    public void TheDefaultIsTheCpuBackendUnlessAnNvidiaGpuIsVisible()
    {
        var (backend, references) = Evaluate(new Dictionary<string, string?> { ["GANKIT_BACKEND"] = null });

        var expected = File.Exists("/dev/nvidiactl") ? "cuda" : "cpu";
        Assert.Equal(expected, backend);
        Assert.Contains(expected == "cpu" ? "libtorch-cpu-linux-x64" : "TorchSharp-cuda-linux", references);
    }

    [Theory]
    [InlineData("GANKIT_BACKEND", "cuda")]
    [InlineData("GANKIT_BACKEND", "cpu")]
    [InlineData("-p:GanKitBackend", "cuda")]
    [InlineData("-p:GanKitBackend", "cpu")]
    public void EachBackendCanBeForcedAndTakesExactlyItsNatives(string how, string backend)
    {
        var (evaluated, references) = how.StartsWith('-')
            ? Evaluate(new Dictionary<string, string?> { ["GANKIT_BACKEND"] = null }, $"{how}={backend}")
            : Evaluate(new Dictionary<string, string?> { [how] = backend });

        Assert.Equal(backend, evaluated);
        Assert.Contains("TorchSharp", references);
        if (backend == "cuda")
        {
            Assert.Contains("TorchSharp-cuda-linux", references);
            Assert.DoesNotContain("libtorch-cpu-linux-x64", references);
        }
        else
        {
            Assert.Contains("libtorch-cpu-linux-x64", references);
            Assert.DoesNotContain("TorchSharp-cuda-linux", references);
        }
    }

    [Fact]
    public void TheCudaPackageIsPinnedToTheSameTorchSharpVersion()
    {
        var pinned = NotebookSourceTests.PinnedVersions();

        Assert.Equal("0.107.0", pinned["TorchSharp"]);
        Assert.Equal(pinned["TorchSharp"], pinned["TorchSharp-cuda-linux"]);
        Assert.Equal("2.10.0", pinned["libtorch-cpu-linux-x64"]);
    }

    [Fact]
    public void AnUnknownBackendFailsTheBuildWithOneClearMessage()
    {
        var (exitCode, output) = NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?> { ["GANKIT_BACKEND"] = "gpu" }, Limit,
            "msbuild", Project, "-t:GanKitCheckBackend", "-nologo");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("GanKitBackend (or GANKIT_BACKEND) must be cpu or cuda, but it is 'gpu'.", output, StringComparison.Ordinal);
    }

    private static (string Backend, List<string> References) Evaluate(IReadOnlyDictionary<string, string?> environment, params string[] properties)
    {
        var (exitCode, output) = NotebookProcess.Run(RepositoryPaths.Root, environment, Limit,
            ["msbuild", Project, "-getProperty:GanKitBackend", "-getItem:PackageReference", .. properties]);
        Assert.True(exitCode == 0, $"MSBuild evaluation failed:\n{output}");

        var json = JsonNode.Parse(output)!;
        var references = json["Items"]!["PackageReference"]!.AsArray().Select(item => (string)item!["Identity"]!).ToList();
        return ((string)json["Properties"]!["GanKitBackend"]!, references);
    }
}
