using System.Security.Cryptography;

namespace GanKit.Runtime;

/// <summary>
/// The Debian 12 / Ubuntu 22.04 correction: a copy of <c>libLibTorchSharp.so</c> whose one need of
/// <c>GLIBCXX_3.4.32</c>, used only by a symbol nothing calls, is marked weak so GCC 12's libstdc++ can load it
/// (environment.md says why that is safe). The premise is checked on the file first; the package's file is never changed.
/// </summary>
internal static class NativeLibraryCorrection
{
    public const string StandardLibraryFile = "libstdc++.so.6";

    /// <summary>The one version the correction may mark weak.</summary>
    public const string CorrectableVersion = "GLIBCXX_3.4.32";

    /// <summary>The one symbol allowed to carry <see cref="CorrectableVersion"/>.</summary>
    public const string CorrectableSymbol = "_ZSt21ios_base_library_initv";

    /// <summary>
    /// Decides whether <paramref name="library"/> loads against a libstdc++ that defines
    /// <paramref name="availableVersions"/>, and if not whether the weak-flag correction is safe.
    /// </summary>
    /// <returns>The entry to mark weak, or <c>null</c> when the library loads as shipped.</returns>
    /// <exception cref="TorchStartException">The premise of the correction does not hold.</exception>
    public static VersionNeedEntry? FindEntryToCorrect(ElfFile library, IReadOnlySet<string> availableVersions, string libraryPath, string standardLibraryPath)
    {
        var missing = library.VersionNeeds
            .Where(need => need.File == StandardLibraryFile)
            .SelectMany(need => need.Entries)
            .Where(entry => !entry.IsWeak && !availableVersions.Contains(entry.Name))
            .ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var installAdvice =
            "Use a system whose libstdc++ comes from GCC 13 or newer (Ubuntu 24.04, Debian 13, or this course's devcontainer), " +
            "or install such a libstdc++ (for example from the 'libstdc++6' package of a newer release) and restart.";
        if (missing.Count != 1 || missing[0].Name != CorrectableVersion)
        {
            throw new TorchStartException(
                $"{libraryPath} needs {string.Join(", ", missing.Select(m => m.Name))} from {standardLibraryPath}, which lacks them. " +
                $"GanKit can only correct a missing {CorrectableVersion}, so it stopped without changing anything. {installAdvice}");
        }

        var entry = missing[0];
        var symbols = library.DynamicSymbols.Where(symbol => symbol.VersionIndex == entry.VersionIndex).ToList();
        if (symbols.Count == 1 && symbols[0].Name == CorrectableSymbol && symbols[0].IsDefined)
        {
            throw new TorchStartException(
                $"{libraryPath} defines {CorrectableSymbol} itself instead of taking it from {StandardLibraryFile}, which is not the case " +
                $"the correction was made for, so GanKit stopped without changing anything. {installAdvice}");
        }

        if (symbols.Count != 1 || symbols[0].Name != CorrectableSymbol)
        {
            throw new TorchStartException(
                $"{libraryPath} uses {CorrectableVersion} for [{string.Join(", ", symbols.Select(s => s.Name))}], not only for {CorrectableSymbol}; " +
                $"marking it weak could break a call, so GanKit stopped without changing anything. {installAdvice}");
        }

        if (library.RelocatedSymbolIndexes.Contains(symbols[0].Index))
        {
            throw new TorchStartException(
                $"{libraryPath} has a relocation against {CorrectableSymbol}@{CorrectableVersion}, so the symbol is really used; " +
                $"GanKit stopped without changing anything. {installAdvice}");
        }

        return entry;
    }

    /// <summary>Returns a copy of <paramref name="original"/> with only the weak flag of <paramref name="entry"/> set.</summary>
    public static byte[] MarkWeak(byte[] original, VersionNeedEntry entry)
    {
        var corrected = (byte[])original.Clone();
        var flags = (ushort)(entry.Flags | VersionNeedEntry.WeakFlag);
        corrected[entry.FlagsFileOffset] = (byte)(flags & 0xff);
        corrected[entry.FlagsFileOffset + 1] = (byte)(flags >> 8);
        return corrected;
    }

    /// <summary>
    /// Writes the corrected copy of <paramref name="originalPath"/> under <paramref name="cacheFolder"/>, in a
    /// folder named after the original's SHA-256, unless an identical copy is already there; returns its path.
    /// </summary>
    public static string WriteCorrectedCopy(string originalPath, byte[] corrected, string cacheFolder)
    {
        var originalHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(originalPath)));
        var folder = Path.Combine(cacheFolder, "native", originalHash[..16]);
        var target = Path.Combine(folder, Path.GetFileName(originalPath));
        if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(corrected))
        {
            return target;
        }

        Data.AtomicFile.WriteAllBytes(target, corrected);
        return target;
    }
}
