using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>
/// The GLIBCXX_3.4.32 correction, on the real libLibTorchSharp.so of TorchSharp 0.107.0 and the real system libstdc++.
/// </summary>
public sealed class NativeLibraryCorrectionTests
{
    private const string StandardLibrary = "libstdc++.so.6";
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    private static string LibraryPath => ElfTestFile.LibTorchSharpPath;

    [Fact]
    public void ParsingTheRealLibraryFindsAStrongNeedForGlibcxx332UsedOnlyByTheUnrelocatedMarkerSymbol()
    {
        var library = ElfFile.Parse(ElfTestFile.ReadLibTorchSharp(), LibraryPath);

        var need = Assert.Single(library.VersionNeeds, need => need.File == StandardLibrary);
        var entry = Assert.Single(need.Entries, entry => entry.Name == MissingVersion);
        Assert.False(entry.IsWeak);
        Assert.Equal(0, entry.Flags & VersionNeedEntry.WeakFlag);

        var symbol = Assert.Single(library.DynamicSymbols, symbol => symbol.VersionIndex == entry.VersionIndex);
        Assert.Equal(MarkerSymbol, symbol.Name);
        Assert.False(symbol.IsDefined);
        Assert.DoesNotContain(symbol.Index, library.RelocatedSymbolIndexes);
    }

    [Fact]
    public void ParsingTheRealLibraryAgreesWithReadelfAndWithTheTestsOwnReading()
    {
        // Expected values from `readelf -V -r --dyn-syms` on TorchSharp 0.107.0's libLibTorchSharp.so.
        var bytes = ElfTestFile.ReadLibTorchSharp();
        var library = ElfFile.Parse(bytes, LibraryPath);
        var independent = ElfTestFile.Read(bytes);

        Assert.Equal(
            ["ld-linux-x86-64.so.2:1", "libm.so.6:1", "libgcc_s.so.1:1", "libc.so.6:5", "libstdc++.so.6:20"],
            library.VersionNeeds.Select(need => $"{need.File}:{need.Entries.Count}"));
        var standardLibraryNeeds = library.VersionNeeds.Single(need => need.File == StandardLibrary).Entries;
        Assert.Equal(["GLIBCXX_3.4.30", "GLIBCXX_3.4.29", "CXXABI_1.3.13"], standardLibraryNeeds.Take(3).Select(entry => entry.Name));
        Assert.Equal(18, standardLibraryNeeds.Single(entry => entry.Name == MissingVersion).VersionIndex);
        Assert.All(library.VersionNeeds.SelectMany(need => need.Entries), entry => Assert.Equal(0, entry.Flags));

        Assert.Equal(independent.Single(ElfTestFile.DynamicSymbolsType).Size / 24, library.DynamicSymbols.Count);
        Assert.Equal(3230, library.DynamicSymbols.Count);
        Assert.Equal("", library.DynamicSymbols[0].Name);
        var marker = library.DynamicSymbols[482];
        Assert.Equal(MarkerSymbol, marker.Name);
        Assert.Equal(18, marker.VersionIndex);
        Assert.Equal(18, independent.SymbolVersion(482));

        var conditionWait = Assert.Single(library.DynamicSymbols, symbol => symbol.Name == "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE");
        Assert.Equal(29, conditionWait.VersionIndex);

        // The first three PLT relocations are against dynamic symbols 1, 2 and 3; a called libstdc++ function has one too.
        Assert.Contains(1, library.RelocatedSymbolIndexes);
        Assert.Contains(2, library.RelocatedSymbolIndexes);
        Assert.Contains(3, library.RelocatedSymbolIndexes);
        Assert.Contains(conditionWait.Index, library.RelocatedSymbolIndexes);
        Assert.DoesNotContain(0, library.RelocatedSymbolIndexes);
    }

    [Fact]
    public void ParsingTheSystemStandardLibraryReadsItsVersionDefinitions()
    {
        var standardLibraryPath = ElfTestFile.LoadedStandardLibraryPath();
        var versions = SystemVersions(standardLibraryPath);

        // Every libstdc++ since GCC 12 defines these; GanKit's own correction depends on reading them.
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("GLIBCXX_3.4.29", versions);
        Assert.Contains("GLIBCXX_3.4.30", versions);
        Assert.Contains("CXXABI_1.3.13", versions);
    }

    [Fact]
    public void OnThisSystemTheEntryToCorrectIsGlibcxx332ExactlyWhenTheSystemLibraryLacksIt()
    {
        var library = ElfFile.Parse(ElfTestFile.ReadLibTorchSharp(), LibraryPath);
        var standardLibraryPath = ElfTestFile.LoadedStandardLibraryPath();
        var versions = SystemVersions(standardLibraryPath);

        var entry = NativeLibraryCorrection.FindEntryToCorrect(library, versions, LibraryPath, standardLibraryPath);

        if (versions.Contains(MissingVersion))
        {
            Assert.Null(entry);
        }
        else
        {
            Assert.NotNull(entry);
            Assert.Same(Glibcxx332Entry(library), entry);
        }
    }

    [Fact]
    public void ASystemLackingOnlyGlibcxx332GetsThatEntryAndANewerSystemGetsNone()
    {
        var library = ElfFile.Parse(ElfTestFile.ReadLibTorchSharp(), LibraryPath);
        var standardLibraryPath = ElfTestFile.LoadedStandardLibraryPath();
        var olderSystem = SystemVersions(standardLibraryPath);
        olderSystem.Remove(MissingVersion);
        var newerSystem = SystemVersions(standardLibraryPath);
        newerSystem.Add(MissingVersion);

        var entry = NativeLibraryCorrection.FindEntryToCorrect(library, olderSystem, LibraryPath, standardLibraryPath);

        Assert.NotNull(entry);
        Assert.Equal(MissingVersion, entry.Name);
        Assert.False(entry.IsWeak);
        Assert.Null(NativeLibraryCorrection.FindEntryToCorrect(library, newerSystem, LibraryPath, standardLibraryPath));
    }

    [Fact]
    public void MarkWeakChangesOnlyTheTwoBytesOfTheEntrysFlagsAndLeavesTheOriginalArrayAlone()
    {
        var original = ElfTestFile.ReadLibTorchSharp();
        var untouched = (byte[])original.Clone();
        var library = ElfFile.Parse(original, LibraryPath);
        var entry = Glibcxx332Entry(library);

        var corrected = NativeLibraryCorrection.MarkWeak(original, entry);

        Assert.NotSame(original, corrected);
        Assert.True(original.AsSpan().SequenceEqual(untouched), "MarkWeak changed the array it was given.");
        Assert.Equal(original.Length, corrected.Length);
        var changedOffsets = Enumerable.Range(0, original.Length).Where(offset => original[offset] != corrected[offset]).ToList();
        Assert.NotEmpty(changedOffsets);
        Assert.All(changedOffsets, offset => Assert.InRange(offset, entry.FlagsFileOffset, entry.FlagsFileOffset + 1));
        Assert.Equal(entry.Flags | VersionNeedEntry.WeakFlag, BinaryPrimitives.ReadUInt16LittleEndian(corrected.AsSpan(entry.FlagsFileOffset, 2)));
    }

    [Fact]
    public void TheFlagsOffsetPointsIntoTheVersionNeedOfGlibcxx332ByTheTestsOwnReading()
    {
        var bytes = ElfTestFile.ReadLibTorchSharp();
        var entry = Glibcxx332Entry(ElfFile.Parse(bytes, LibraryPath));
        var independent = ElfTestFile.Read(bytes);
        var versionNeeds = independent.Single(ElfTestFile.VersionNeedsType);

        // Vernaux: vna_hash (4), vna_flags (2), vna_other (2), vna_name (4), vna_next (4).
        var auxiliaryStart = entry.FlagsFileOffset - 4;
        Assert.InRange(auxiliaryStart, versionNeeds.Offset, versionNeeds.Offset + versionNeeds.Size - 16);
        var nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(auxiliaryStart + 8, 4));
        Assert.Equal(MissingVersion, independent.StringOf(versionNeeds, nameOffset));
        Assert.Equal(entry.VersionIndex, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(auxiliaryStart + 6, 2)));
    }

    [Fact]
    public void ReparsingTheCorrectedBytesShowsOnlyGlibcxx332WeakAndNeedsNoFurtherCorrection()
    {
        var original = ElfTestFile.ReadLibTorchSharp();
        var library = ElfFile.Parse(original, LibraryPath);
        var corrected = ElfFile.Parse(NativeLibraryCorrection.MarkWeak(original, Glibcxx332Entry(library)), "the corrected copy");

        Assert.Equal(library.VersionNeeds.Count, corrected.VersionNeeds.Count);
        for (var needIndex = 0; needIndex < library.VersionNeeds.Count; needIndex++)
        {
            var before = library.VersionNeeds[needIndex];
            var after = corrected.VersionNeeds[needIndex];
            Assert.Equal(before.File, after.File);
            Assert.Equal(before.Entries.Count, after.Entries.Count);
            for (var entryIndex = 0; entryIndex < before.Entries.Count; entryIndex++)
            {
                var expected = before.File == StandardLibrary && before.Entries[entryIndex].Name == MissingVersion
                    ? before.Entries[entryIndex] with { Flags = (ushort)(before.Entries[entryIndex].Flags | VersionNeedEntry.WeakFlag) }
                    : before.Entries[entryIndex];
                Assert.Equal(expected, after.Entries[entryIndex]);
            }
        }

        Assert.True(Glibcxx332Entry(corrected).IsWeak);
        var olderSystem = SystemVersions(ElfTestFile.LoadedStandardLibraryPath());
        olderSystem.Remove(MissingVersion);
        Assert.Null(NativeLibraryCorrection.FindEntryToCorrect(corrected, olderSystem, "the corrected copy", StandardLibrary));
    }

    [Fact]
    public void ASystemMissingAnotherVersionTooIsRefusedWithAMessageNamingTheMissingVersions()
    {
        var library = ElfFile.Parse(ElfTestFile.ReadLibTorchSharp(), LibraryPath);
        var available = library.VersionNeeds.SelectMany(need => need.Entries).Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        available.Remove(MissingVersion);
        available.Remove("GLIBCXX_3.4.30");

        var exception = Assert.Throws<TorchStartException>(
            () => NativeLibraryCorrection.FindEntryToCorrect(library, available, LibraryPath, "/usr/lib/old/libstdc++.so.6"));

        Assert.Contains(LibraryPath, exception.Message, StringComparison.Ordinal);
        Assert.Contains("/usr/lib/old/libstdc++.so.6", exception.Message, StringComparison.Ordinal);
        Assert.Contains("GLIBCXX_3.4.30, GLIBCXX_3.4.32", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stopped without changing anything", exception.Message, StringComparison.Ordinal);
        Assert.Contains("GCC 13", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "GLIBCXX_3.4.29", MissingVersion }, "GLIBCXX_3.4.29, GLIBCXX_3.4.32")]
    [InlineData(new[] { "GLIBCXX_3.4.29" }, "GLIBCXX_3.4.29 from")]
    [InlineData(new[] { "CXXABI_1.3.13" }, "CXXABI_1.3.13 from")]
    public void ASystemMissingAVersionOtherThanGlibcxx332IsRefused(string[] missing, string expectedList)
    {
        var library = ElfFile.Parse(ElfTestFile.ReadLibTorchSharp(), LibraryPath);
        var available = library.VersionNeeds.SelectMany(need => need.Entries).Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        available.ExceptWith(missing);

        var exception = Assert.Throws<TorchStartException>(
            () => NativeLibraryCorrection.FindEntryToCorrect(library, available, LibraryPath, StandardLibrary));

        Assert.Contains($"needs {expectedList}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stopped without changing anything", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondSymbolWithGlibcxx332IsRefusedWithAMessageNamingBothSymbols()
    {
        var bytes = ElfTestFile.ReadLibTorchSharp();
        var original = ElfFile.Parse(bytes, LibraryPath);
        var conditionWait = original.DynamicSymbols.Single(symbol => symbol.Name == "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE");
        var crafted = ElfTestFile.Read(bytes).WithSymbolVersion(conditionWait.Index, Glibcxx332Entry(original).VersionIndex).Bytes;
        var library = ElfFile.Parse(crafted, "crafted library");

        var exception = Assert.Throws<TorchStartException>(
            () => NativeLibraryCorrection.FindEntryToCorrect(library, OlderSystem(library), "crafted library", StandardLibrary));

        Assert.Contains($"uses {MissingVersion} for [{MarkerSymbol}, {conditionWait.Name}]", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stopped without changing anything", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMarkerSymbolTheLibraryDefinesItselfIsRefused()
    {
        var bytes = ElfTestFile.ReadLibTorchSharp();
        var marker = ElfFile.Parse(bytes, LibraryPath).DynamicSymbols.Single(symbol => symbol.Name == MarkerSymbol);
        var crafted = ElfTestFile.Read(bytes).WithSymbolDefinedIn(marker.Index, sectionIndex: 12).Bytes;
        var library = ElfFile.Parse(crafted, "crafted library");
        Assert.True(library.DynamicSymbols[marker.Index].IsDefined);

        var exception = Assert.Throws<TorchStartException>(
            () => NativeLibraryCorrection.FindEntryToCorrect(library, OlderSystem(library), "crafted library", StandardLibrary));

        Assert.Contains("crafted library", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stopped without changing anything", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARelocationAgainstTheMarkerSymbolIsRefused()
    {
        var bytes = ElfTestFile.ReadLibTorchSharp();
        var marker = ElfFile.Parse(bytes, LibraryPath).DynamicSymbols.Single(symbol => symbol.Name == MarkerSymbol);
        var crafted = ElfTestFile.Read(bytes).WithFirstRelocationAgainst(marker.Index).Bytes;
        var library = ElfFile.Parse(crafted, "crafted library");
        Assert.Contains(marker.Index, library.RelocatedSymbolIndexes);

        var exception = Assert.Throws<TorchStartException>(
            () => NativeLibraryCorrection.FindEntryToCorrect(library, OlderSystem(library), "crafted library", StandardLibrary));

        Assert.Contains($"has a relocation against {MarkerSymbol}@{MissingVersion}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stopped without changing anything", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCorrectedCopyWritesUnderTheOriginalsHashAndLeavesTheOriginalAlone()
    {
        var cache = Directory.CreateTempSubdirectory("gankit-cache-test-");
        try
        {
            var original = ElfTestFile.ReadLibTorchSharp();
            var originalWriteTime = File.GetLastWriteTimeUtc(LibraryPath);
            var corrected = NativeLibraryCorrection.MarkWeak(original, Glibcxx332Entry(ElfFile.Parse(original, LibraryPath)));
            var expectedFolder = Path.Combine(cache.FullName, "native", Convert.ToHexStringLower(SHA256.HashData(original))[..16]);

            var written = NativeLibraryCorrection.WriteCorrectedCopy(LibraryPath, corrected, cache.FullName);

            Assert.Equal(Path.Combine(expectedFolder, "libLibTorchSharp.so"), written);
            Assert.True(File.ReadAllBytes(written).AsSpan().SequenceEqual(corrected), "The written copy is not the corrected bytes.");
            Assert.Equal([written], Directory.GetFiles(expectedFolder));
            Assert.Equal([Path.Combine(cache.FullName, "native")], Directory.GetDirectories(cache.FullName));
            Assert.True(File.ReadAllBytes(LibraryPath).AsSpan().SequenceEqual(original), "The original library changed.");
            Assert.Equal(originalWriteTime, File.GetLastWriteTimeUtc(LibraryPath));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteCorrectedCopyTwiceReturnsTheSamePathWithoutRewriting()
    {
        var cache = Directory.CreateTempSubdirectory("gankit-cache-test-");
        try
        {
            var original = ElfTestFile.ReadLibTorchSharp();
            var corrected = NativeLibraryCorrection.MarkWeak(original, Glibcxx332Entry(ElfFile.Parse(original, LibraryPath)));
            var first = NativeLibraryCorrection.WriteCorrectedCopy(LibraryPath, corrected, cache.FullName);
            var marker = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(first, marker);

            var second = NativeLibraryCorrection.WriteCorrectedCopy(LibraryPath, corrected, cache.FullName);

            Assert.Equal(first, second);
            Assert.Equal(marker, File.GetLastWriteTimeUtc(second));
            Assert.Equal([second], Directory.GetFiles(Path.GetDirectoryName(second)!));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriteCorrectedCopyReplacesAStaleCopy()
    {
        var cache = Directory.CreateTempSubdirectory("gankit-cache-test-");
        try
        {
            var original = ElfTestFile.ReadLibTorchSharp();
            var corrected = NativeLibraryCorrection.MarkWeak(original, Glibcxx332Entry(ElfFile.Parse(original, LibraryPath)));
            var path = NativeLibraryCorrection.WriteCorrectedCopy(LibraryPath, corrected, cache.FullName);
            File.WriteAllBytes(path, original.AsSpan(0, 4096).ToArray());

            var again = NativeLibraryCorrection.WriteCorrectedCopy(LibraryPath, corrected, cache.FullName);

            Assert.Equal(path, again);
            Assert.True(File.ReadAllBytes(again).AsSpan().SequenceEqual(corrected), "The stale copy was not replaced.");
            Assert.Equal([again], Directory.GetFiles(Path.GetDirectoryName(again)!));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParsingTextThrowsInvalidDataExceptionNamingTheDescription()
    {
        var text = Encoding.ASCII.GetBytes(new string('x', 200));

        var exception = Assert.Throws<InvalidDataException>(() => ElfFile.Parse(text, "the text file notes.txt"));

        Assert.Equal("the text file notes.txt is not an ELF file.", exception.Message);
    }

    [Fact]
    public void ParsingAFileShorterThanAnElfHeaderThrowsInvalidDataException()
    {
        var start = ElfTestFile.ReadLibTorchSharp().AsSpan(0, 40).ToArray();

        var exception = Assert.Throws<InvalidDataException>(() => ElfFile.Parse(start, "a 40-byte stub"));

        Assert.Equal("a 40-byte stub is not an ELF file.", exception.Message);
    }

    [Fact]
    public void ParsingA32BitElfHeaderThrowsInvalidDataException()
    {
        var header = ElfTestFile.ReadLibTorchSharp().AsSpan(0, 64).ToArray();
        header[4] = 1;

        var exception = Assert.Throws<InvalidDataException>(() => ElfFile.Parse(header, "a 32-bit library"));

        Assert.Equal("a 32-bit library is not a 64-bit little-endian ELF file.", exception.Message);
    }

    [Fact]
    public void ParsingTheFirstThousandBytesOfTheLibraryThrowsInvalidDataExceptionNamingTheDescription()
    {
        var truncated = ElfTestFile.ReadLibTorchSharp().AsSpan(0, 1000).ToArray();

        var exception = Assert.Throws<InvalidDataException>(() => ElfFile.Parse(truncated, "the truncated libLibTorchSharp.so"));

        Assert.StartsWith("the truncated libLibTorchSharp.so ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or missing section table", exception.Message, StringComparison.Ordinal);
    }

    private static VersionNeedEntry Glibcxx332Entry(ElfFile library) =>
        library.VersionNeeds.Single(need => need.File == StandardLibrary).Entries.Single(entry => entry.Name == MissingVersion);

    private static HashSet<string> SystemVersions(string standardLibraryPath) =>
        ElfFile.Parse(File.ReadAllBytes(standardLibraryPath), standardLibraryPath).VersionDefinitions.ToHashSet(StringComparer.Ordinal);

    /// <summary>A libstdc++ that has every version <paramref name="library"/> needs except GLIBCXX_3.4.32.</summary>
    private static HashSet<string> OlderSystem(ElfFile library)
    {
        var available = library.VersionNeeds.SelectMany(need => need.Entries).Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        available.Remove(MissingVersion);
        return available;
    }
}
