namespace GanKit.Tests.Faults;

/// <summary>
/// A throw-away repository for one fault: <c>global.json</c>, an empty <c>.git</c> and a copy of <c>data/</c> in a temporary folder, so a
/// command run there reads (and a test damages) the copy, never the real data. Deleted on dispose.
/// </summary>
internal sealed class FaultRepository : IDisposable
{
    public FaultRepository()
    {
        Root = Directory.CreateTempSubdirectory("gankit-fault-").FullName;
        File.Copy(Path.Combine(RepositoryPaths.Root, "global.json"), Path.Combine(Root, "global.json"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));   // as in a clone: messages give paths from the root
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "data"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(Root, Path.GetRelativePath(RepositoryPaths.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>The copy's root folder, where commands run.</summary>
    public string Root { get; }

    /// <summary>A path inside the copy.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs <c>tools/Digits</c> in the copy, in smoke size, with <paramref name="environment"/> added.</summary>
    public FaultRun.Outcome Digits(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        FaultRun.Run(Root, With(environment), "dotnet", [Tools.DigitsCommand.Dll, .. arguments]);

    /// <summary>Runs <c>tools/Digits</c> in the copy with a tmpfs mounted at <paramref name="mountPoint"/> (see <see cref="FaultRun.RunWithTmpfs"/>).</summary>
    public FaultRun.Outcome DigitsWithTmpfs(string mountPoint, string mountOptions, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        FaultRun.RunWithTmpfs(Root, With(environment), mountPoint, mountOptions, [Tools.DigitsCommand.Dll, .. arguments]);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?>? environment)
    {
        var all = new Dictionary<string, string?> { ["GANKIT_SMOKE"] = "1" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        return all;
    }
}
