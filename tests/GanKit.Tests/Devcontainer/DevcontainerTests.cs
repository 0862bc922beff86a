using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace GanKit.Tests.Devcontainer;

/// <summary>
/// .devcontainer/: valid against the Dev Containers schema, the GPU optional (a GPU-less host is not broken), and a
/// post-create step that readies what the first notebook cell needs. (No Docker engine here: the container itself is not
/// built by the tests; environment.md says what was and was not run.)
/// </summary>
public sealed class DevcontainerTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, ".devcontainer");
    private static readonly string SchemaFolder = Path.Combine(RepositoryPaths.Root, "tests", "GanKit.Tests", "Devcontainer");

    [Fact]
    public void TheDevcontainerFileIsValidAgainstTheSpecsSchema()
    {
        var result = Schema().Evaluate(Configuration(), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, "devcontainer.json does not match the schema:\n" + string.Join("\n", Errors(result)));
    }

    [Theory]
    [InlineData("hostRequirements", "gpu", "\"sometimes\"")]
    [InlineData("hostRequirements", "memory", "\"8 gigabytes\"")]
    [InlineData(null, "postCreateCommand", "5")]
    [InlineData(null, "name", "42")]
    public void TheSchemaCheckRejectsABrokenVariant(string? parent, string property, string value)
    {
        var broken = Configuration().DeepClone().AsObject();
        var target = parent is null ? broken : broken[parent]!.AsObject();
        target[property] = JsonNode.Parse(value);

        Assert.False(Schema().Evaluate(broken).IsValid, $"{property} = {value} should be rejected by the schema.");
    }

    [Fact]
    public void TheGpuIsOptionalAndNeverDemandedFromTheContainerEngine()
    {
        var configuration = Configuration();

        Assert.Equal("optional", (string?)configuration["hostRequirements"]?["gpu"]);
        var arguments = configuration["runArgs"]?.AsArray().Select(argument => (string)argument!).ToList() ?? [];
        Assert.DoesNotContain(arguments, argument => argument.StartsWith("--gpus", StringComparison.Ordinal) || argument.Contains("nvidia", StringComparison.Ordinal));
    }

    [Fact]
    public void TheImageIsUbuntu2404WithTheDotnet10SdkAndAPinnedJupyterLab()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Folder, (string)Configuration()["build"]!["dockerfile"]!));

        Assert.Contains("FROM mcr.microsoft.com/devcontainers/dotnet:10.0-noble", dockerfile);
        Assert.Contains(dockerfile, line => line.StartsWith("ARG JUPYTERLAB_VERSION=", StringComparison.Ordinal) && char.IsAsciiDigit(line[^1]));
    }

    [Fact]
    public void TheLearnersExtensionsAreInstalled()
    {
        var extensions = Configuration()["customizations"]!["vscode"]!["extensions"]!.AsArray().Select(extension => (string)extension!).ToList();

        Assert.Contains("ms-dotnettools.dotnet-interactive-vscode", extensions);   // Polyglot Notebooks
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.csharp", extensions);
    }

    [Fact]
    public void ThePostCreateStepRestoresTheToolsBuildsGanKitAndRegistersTheJupyterKernel()
    {
        Assert.Equal("bash .devcontainer/post-create.sh", (string?)Configuration()["postCreateCommand"]);
        var script = File.ReadAllLines(Path.Combine(Folder, "post-create.sh")).Where(line => !line.TrimStart().StartsWith('#')).ToList();

        Assert.Contains("set -euo pipefail", script);
        Assert.Contains("dotnet tool restore", script);
        Assert.Contains(script, line => line.StartsWith("dotnet build lib/GanKit", StringComparison.Ordinal));
        Assert.Contains("dotnet dotnet-interactive jupyter install", script);
    }

    [Fact]
    public void TheCommittedSchemaIsTheCopyItsChecksumNames()
    {
        var expected = File.ReadAllText(Path.Combine(SchemaFolder, "SHA256SUMS")).Split(' ', 2)[0];
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(SchemaFolder, "devContainer.base.schema.json"))));

        Assert.Equal(expected, actual);
    }

    private static JsonSchema Schema() => JsonSchema.FromFile(Path.Combine(SchemaFolder, "devContainer.base.schema.json"));

    // devcontainer.json is JSON with comments (the schema allows them).
    private static JsonNode Configuration() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "devcontainer.json")), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        result.Details.Where(detail => detail.Errors is not null).SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"));
}
