using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>
/// The test's own, independent reading of a 64-bit little-endian ELF file's section headers (not GanKit's
/// <c>ElfFile</c>), used to check where GanKit says things are and to craft variants of the real library in which
/// one premise of the correction no longer holds.
/// </summary>
internal sealed class ElfTestFile
{
    public const uint DynamicSymbolsType = 11;
    public const uint RelaType = 4;
    public const uint VersionNeedsType = 0x6ffffffe;
    public const uint VersionSymbolsType = 0x6fffffff;

    private const int SymbolEntrySize = 24;

    private ElfTestFile(byte[] bytes, IReadOnlyList<ElfTestSection> sections)
    {
        Bytes = bytes;
        Sections = sections;
    }

    /// <summary>The file's bytes (a private copy: the crafting methods change it).</summary>
    public byte[] Bytes { get; }

    public IReadOnlyList<ElfTestSection> Sections { get; }

    /// <summary>The repository's copy of TorchSharp's native library (the build puts it there).</summary>
    public static string LibTorchSharpPath { get; } =
        Path.Combine(RepositoryPaths.Root, "artifacts", "gankit", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>Reads the real libLibTorchSharp.so, failing with a clear message when the build has not put it in place.</summary>
    public static byte[] ReadLibTorchSharp()
    {
        Assert.True(File.Exists(LibTorchSharpPath), $"{LibTorchSharpPath} is missing: build lib/GanKit first (dotnet build lib/GanKit).");
        return File.ReadAllBytes(LibTorchSharpPath);
    }

    public static ElfTestFile Read(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var tableOffset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(copy.AsSpan(0x28, 8)));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(0x3a, 2));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(0x3c, 2));
        var sections = new List<ElfTestSection>(count);
        for (var index = 0; index < count; index++)
        {
            var header = copy.AsSpan(tableOffset + (index * entrySize), entrySize);
            sections.Add(new ElfTestSection(
                Index: index,
                Type: BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                Offset: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[24..])),
                Size: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[32..])),
                Link: checked((int)BinaryPrimitives.ReadUInt32LittleEndian(header[40..]))));
        }

        return new ElfTestFile(copy, sections);
    }

    public ElfTestSection Single(uint type) => Assert.Single(Sections, section => section.Type == type);

    /// <summary>The version index <c>.gnu.version</c> gives symbol <paramref name="symbolIndex"/>.</summary>
    public int SymbolVersion(int symbolIndex) =>
        BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(Single(VersionSymbolsType).Offset + (symbolIndex * 2), 2)) & 0x7fff;

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in the string table of <paramref name="section"/>.</summary>
    public string StringOf(ElfTestSection section, int offset)
    {
        var start = Sections[section.Link].Offset + offset;
        var length = Bytes.AsSpan(start).IndexOf((byte)0);
        return Encoding.ASCII.GetString(Bytes, start, length);
    }

    /// <summary>Gives symbol <paramref name="symbolIndex"/> the version index <paramref name="versionIndex"/>.</summary>
    public ElfTestFile WithSymbolVersion(int symbolIndex, int versionIndex)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan(Single(VersionSymbolsType).Offset + (symbolIndex * 2), 2), checked((ushort)versionIndex));
        return this;
    }

    /// <summary>Makes symbol <paramref name="symbolIndex"/> defined in section <paramref name="sectionIndex"/> (its st_shndx).</summary>
    public ElfTestFile WithSymbolDefinedIn(int symbolIndex, int sectionIndex)
    {
        var at = Single(DynamicSymbolsType).Offset + (symbolIndex * SymbolEntrySize) + 6;
        BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan(at, 2), checked((ushort)sectionIndex));
        return this;
    }

    /// <summary>Points the first relocation of the first RELA section against the dynamic symbols at <paramref name="symbolIndex"/>.</summary>
    public ElfTestFile WithFirstRelocationAgainst(int symbolIndex)
    {
        var dynamicSymbols = Single(DynamicSymbolsType);
        var relocations = Sections.First(section => section.Type == RelaType && section.Link == dynamicSymbols.Index && section.Size > 0);
        var info = relocations.Offset + 8;
        var relocationType = BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(info, 8)) & 0xffffffffUL;
        BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(info, 8), ((ulong)symbolIndex << 32) | relocationType);
        return this;
    }

    /// <summary>
    /// The libstdc++ this process uses, found the way GanKit's loader finds it: the one mapped into the process
    /// (loading it by name first if nothing has yet).
    /// </summary>
    public static string LoadedStandardLibraryPath()
    {
        var loaded = FindMapped("libstdc++.so");
        if (loaded is null)
        {
            NativeLibrary.Load("libstdc++.so.6");
            loaded = FindMapped("libstdc++.so");
        }

        Assert.NotNull(loaded);
        return loaded;
    }

    /// <summary>Every distinct module loaded into this process whose file name starts with <paramref name="fileNamePrefix"/>.</summary>
    public static IReadOnlyList<string> MappedFiles(string fileNamePrefix)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return [.. process.Modules.Cast<System.Diagnostics.ProcessModule>()
            .Select(module => module.FileName)
            .Where(path => Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    private static string? FindMapped(string fileNamePrefix)
    {
        var mapped = MappedFiles(fileNamePrefix);
        return mapped.Count > 0 ? mapped[0] : null;
    }
}

/// <summary>One section header, as the test reads it.</summary>
internal sealed record ElfTestSection(int Index, uint Type, int Offset, int Size, int Link);
