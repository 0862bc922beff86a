namespace GanKit.Tests.Tools;

/// <summary>Runs the built <c>tools/Digits</c> as a user would, from the repository root, and collects what it prints.</summary>
internal static class DigitsCommand
{
    /// <summary>The tool's build output (the test project builds it).</summary>
    public static string Dll => Path.Combine(RepositoryPaths.Root, "artifacts", "digits", "Digits.dll");

    /// <summary>Runs the tool with <paramref name="arguments"/>, in smoke size unless <paramref name="smoke"/> is false.</summary>
    public static (int Code, string Output) Run(string[] arguments, bool smoke = true) =>
        Notebooks.NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?> { ["GANKIT_SMOKE"] = smoke ? "1" : null }, TimeSpan.FromMinutes(5), [Dll, .. arguments]);
}
