using System.Security.Cryptography;

namespace GanKit.Data;

/// <summary>
/// A <c>SHA256SUMS</c> file as <c>sha256sum</c> writes it, and the check that a file beside it is the one it lists.
/// Introduced in chapter 01 for MNIST; chapter 05 uses it for weights.
/// </summary>
public sealed class ChecksumManifest
{
    public const string FileName = "SHA256SUMS";

    private readonly Dictionary<string, string> expectedHashes;

    private ChecksumManifest(string folder, Dictionary<string, string> expectedHashes)
    {
        Folder = folder;
        this.expectedHashes = expectedHashes;
    }

    /// <summary>The folder the manifest and its files are in.</summary>
    public string Folder { get; }

    /// <summary>Reads <c>SHA256SUMS</c> in <paramref name="folder"/>.</summary>
    /// <exception cref="DataFileException">The folder or manifest is missing, or a line is not <c>hash  name</c>.</exception>
    public static ChecksumManifest Read(string folder)
    {
        var fullFolder = Path.GetFullPath(folder);
        if (!Directory.Exists(fullFolder))
        {
            throw new DataFileException(fullFolder, $"The data folder {fullFolder} does not exist. Check the path (notebooks run in notebooks/, so the course data is ../data/...).");
        }

        var manifestPath = Path.Combine(fullFolder, FileName);
        if (!File.Exists(manifestPath))
        {
            throw new DataFileException(manifestPath, $"{manifestPath} is missing, so the data files cannot be verified. Restore it with 'git checkout -- {RepositoryRelative(manifestPath)}'.");
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(manifestPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(' ', 2);
            var hash = parts[0];
            var name = parts.Length == 2 ? parts[1].TrimStart(' ', '*') : "";
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit) || name.Length == 0)
            {
                throw new DataFileException(manifestPath,
                    $"{manifestPath} line {lineNumber} is not 'sha256  file-name': \"{line}\". It was not changed; restore it with 'git checkout -- {RepositoryRelative(manifestPath)}'.");
            }

            hashes[name] = hash.ToLowerInvariant();
        }

        return new ChecksumManifest(fullFolder, hashes);
    }

    /// <summary>Reads <paramref name="fileName"/> from the manifest's folder and returns its bytes if their SHA-256 is the one listed.</summary>
    /// <exception cref="DataFileException">The file is not listed, missing, or its contents differ from the listed hash.</exception>
    public byte[] ReadVerified(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        var restore = $"Restore it with 'git checkout -- {RepositoryRelative(path)}' (it is part of the repository).";
        if (!expectedHashes.TryGetValue(fileName, out var expected))
        {
            throw new DataFileException(path,
                $"{fileName} is not listed in {Path.Combine(Folder, FileName)}, so it cannot be verified. Add its line with 'sha256sum {fileName} >> {FileName}' in {Folder} if the file is meant to be there.");
        }

        if (!File.Exists(path))
        {
            throw new DataFileException(path, $"{path} is missing. {restore}");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != expected)
        {
            throw new DataFileException(path,
                $"{path} does not match its line in {FileName} ({bytes.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, SHA-256 {actual[..12]}…, but {FileName} lists {expected[..12]}…): " +
                $"either the file is corrupt or truncated, or that line was changed ('git diff -- {RepositoryRelative(Folder)}' shows which); GanKit has not changed either. " +
                $"Restore both with 'git checkout -- {RepositoryRelative(path)} {RepositoryRelative(Path.Combine(Folder, FileName))}' (they are part of the repository).");
        }

        return bytes;
    }

    // The path from the repository root, for a 'git checkout -- …' advice; the full path outside a repository.
    private static string RepositoryRelative(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Path.Exists(Path.Combine(folder, ".git")))
            {
                return Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
            }
        }

        return path;
    }
}
