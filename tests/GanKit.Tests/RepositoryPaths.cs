using GanKit.Tools;

namespace GanKit.Tests;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds global.json.</summary>
    public static string Root { get; } = RepositoryRoot.Path(AppContext.BaseDirectory);

    /// <summary>The embedded MNIST folder.</summary>
    public static string Mnist => Path.Combine(Root, "data", "mnist");

    /// <summary>The shipped digit classifier's folder.</summary>
    public static string Classifier => Path.Combine(Root, "data", "classifier");

    /// <summary>The shipped DCGAN generator's folder.</summary>
    public static string Generator => Path.Combine(Root, "data", "generator");
}
