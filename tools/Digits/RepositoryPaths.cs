namespace Digits;

/// <summary>Paths inside the repository, found from the working directory upwards (the folder with global.json).</summary>
internal static class RepositoryPaths
{
    public static string Folder(params string[] parts)
    {
        var folder = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "global.json")))
        {
            folder = folder.Parent;
        }

        return Path.Combine([folder?.FullName ?? Directory.GetCurrentDirectory(), .. parts]);
    }
}
