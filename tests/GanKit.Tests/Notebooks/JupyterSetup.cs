using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// The runner's Jupyter route needs Jupyter's packages and the registered kernel. .ci/run sets both up, so in CI
/// (<c>CI=true</c>) their absence fails a test; on a machine without them the test is skipped with the runner's line
/// saying what to install.
/// </summary>
internal static class JupyterSetup
{
    public static void SkipIfMissing(int exitCode, string printed) =>
        Skip.If(
            Settings.Read("CI") != "true" && exitCode == 2
                && (printed.Contains("needs `jupyter nbconvert` on the PATH", StringComparison.Ordinal)
                    || printed.Contains("Jupyter kernel is not registered", StringComparison.Ordinal)),
            $"Jupyter is not set up here: {printed.Trim()}");
}
