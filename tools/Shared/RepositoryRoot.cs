namespace GanKit.Tools;

/// <summary>The repository's root folder — the nearest folder holding global.json — for the tools and the tests.</summary>
internal static class RepositoryRoot
{
    /// <summary>The root above <paramref name="start"/> (default: the working directory), or null outside the repository.</summary>
    public static string? Find(string? start = null)
    {
        var folder = new DirectoryInfo(start ?? Directory.GetCurrentDirectory());
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "global.json")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName;
    }

    /// <summary>A path inside the repository above <paramref name="start"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">There is no global.json above <paramref name="start"/>.</exception>
    public static string Path(string? start, params string[] parts) =>
        System.IO.Path.Combine([Find(start) ?? throw new DirectoryNotFoundException(
            $"No repository (a folder with global.json) above {start ?? Directory.GetCurrentDirectory()}: run this from inside the course's repository."), .. parts]);
}
