using System.Globalization;

namespace GanKit.Data;

/// <summary>
/// Checks, before a long run starts, that the disk a folder is on has room for what the run will write there, so a
/// full disk is one line at the start rather than a failed save an hour in.
/// </summary>
public static class DiskSpace
{
    /// <summary>The bytes free for this process on the disk holding <paramref name="folder"/> (or its nearest existing parent).</summary>
    public static long Available(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var existing = new DirectoryInfo(Path.GetFullPath(folder));
        while (!existing.Exists && existing.Parent is not null)
        {
            existing = existing.Parent;
        }

        return new DriveInfo(existing.FullName).AvailableFreeSpace;
    }

    /// <summary>Refuses to start when the disk holding <paramref name="folder"/> has less than <paramref name="bytes"/> free.</summary>
    /// <exception cref="IOException">Too little space; the message names the folder, both sizes and <paramref name="purpose"/>.</exception>
    public static void Require(string folder, long bytes, string purpose)
    {
        var available = Available(folder);
        if (available < bytes)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"The disk holding {Path.GetFullPath(folder)} has {Megabytes(available)} free, but about {Megabytes(bytes)} are needed for {purpose}. Free some space there, or choose another folder."));
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MiB");
}
