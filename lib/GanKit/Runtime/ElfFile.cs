using System.Buffers.Binary;
using System.Text;

namespace GanKit.Runtime;

/// <summary>
/// Reads what symbol versioning depends on in a 64-bit little-endian ELF shared library (needed and defined versions,
/// dynamic symbols, relocated symbols), for <see cref="NativeLibraryCorrection"/>. Writes nothing.
/// </summary>
internal sealed class ElfFile
{
    private const uint SectionTypeDynamicSymbols = 11;
    private const uint SectionTypeRela = 4;
    private const uint SectionTypeRel = 9;
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;

    private readonly byte[] bytes;
    private readonly List<Section> sections;

    private ElfFile(byte[] bytes, string description)
    {
        this.bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException($"{description} is not an ELF file.");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException($"{description} is not a 64-bit little-endian ELF file.");
        }

        sections = ReadSections(description);
        VersionNeeds = ReadVersionNeeds();
        VersionDefinitions = ReadVersionDefinitions();
        DynamicSymbols = ReadDynamicSymbols();
        RelocatedSymbolIndexes = ReadRelocatedSymbolIndexes();
    }

    /// <summary>The version needs, one per library the file depends on with versioned symbols.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds { get; }

    /// <summary>The version names this file defines (for example GLIBCXX_3.4.30 in libstdc++).</summary>
    public IReadOnlyList<string> VersionDefinitions { get; }

    /// <summary>The dynamic symbols in table order (index 0 is the null symbol).</summary>
    public IReadOnlyList<DynamicSymbol> DynamicSymbols { get; }

    /// <summary>Indexes into <see cref="DynamicSymbols"/> of every symbol some relocation refers to.</summary>
    public IReadOnlySet<int> RelocatedSymbolIndexes { get; }

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="description"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed 64-bit little-endian ELF file.</exception>
    public static ElfFile Parse(byte[] bytes, string description)
    {
        try
        {
            return new ElfFile(bytes, description);
        }
        catch (Exception exception) when (exception is OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"{description} is a malformed ELF file ({exception.Message}).", exception);
        }
    }

    private List<Section> ReadSections(string description)
    {
        var sectionTableOffset = checked((int)ReadUInt64(40));
        var sectionEntrySize = ReadUInt16(58);
        var sectionCount = ReadUInt16(60);
        if (sectionTableOffset <= 0 || sectionEntrySize < 64 || sectionTableOffset + ((long)sectionCount * sectionEntrySize) > bytes.Length)
        {
            throw new InvalidDataException($"{description} has a truncated or missing section table.");
        }

        var result = new List<Section>(sectionCount);
        for (var index = 0; index < sectionCount; index++)
        {
            var at = sectionTableOffset + (index * sectionEntrySize);
            var section = new Section(
                Type: ReadUInt32(at + 4),
                Offset: checked((int)ReadUInt64(at + 24)),
                Size: checked((int)ReadUInt64(at + 32)),
                Link: checked((int)ReadUInt32(at + 40)),
                Info: checked((int)ReadUInt32(at + 44)),
                EntrySize: checked((int)ReadUInt64(at + 56)));
            if (section.Type != 8 && section.Offset + (long)section.Size > bytes.Length)
            {
                throw new InvalidDataException($"{description} is truncated: section {index} runs past the end of the file.");
            }

            result.Add(section);
        }

        return result;
    }

    private List<VersionNeed> ReadVersionNeeds() =>
    [
        .. sections.Where(s => s.Type == SectionTypeVersionNeeds).SelectMany(section => Chain(section.Offset, section.Info, 12).Select(at => new VersionNeed(
            File: ReadString(sections[section.Link], ReadUInt32(at + 4)),
            Entries: [.. Chain(at + (int)ReadUInt32(at + 8), ReadUInt16(at + 2), 12).Select(aux => new VersionNeedEntry(
                Name: ReadString(sections[section.Link], ReadUInt32(aux + 8)),
                Flags: ReadUInt16(aux + 4),
                VersionIndex: ReadUInt16(aux + 6),
                FlagsFileOffset: aux + 4))]))),
    ];

    private List<string> ReadVersionDefinitions() =>
    [
        .. sections.Where(s => s.Type == SectionTypeVersionDefinitions).SelectMany(section => Chain(section.Offset, section.Info, 16)
            .Select(at => ReadString(sections[section.Link], ReadUInt32(at + (int)ReadUInt32(at + 12))))),
    ];

    // The offsets of up to count entries chained by the relative offset each holds at nextField (0 ends the chain).
    private IEnumerable<int> Chain(int at, int count, int nextField)
    {
        for (var index = 0; index < count; index++)
        {
            yield return at;
            var next = (int)ReadUInt32(at + nextField);
            if (next == 0)
            {
                yield break;
            }

            at += next;
        }
    }

    private List<DynamicSymbol> ReadDynamicSymbols()
    {
        var symbolSection = sections.FirstOrDefault(s => s.Type == SectionTypeDynamicSymbols);
        if (symbolSection is null)
        {
            return [];
        }

        var versionSection = sections.FirstOrDefault(s => s.Type == SectionTypeVersionSymbols);
        return [.. Enumerable.Range(0, symbolSection.Size / 24).Select(index => new DynamicSymbol(
            Index: index,
            Name: ReadString(sections[symbolSection.Link], ReadUInt32(symbolSection.Offset + (index * 24))),
            VersionIndex: versionSection is null ? 0 : ReadUInt16(versionSection.Offset + (index * 2)) & 0x7fff,
            IsDefined: ReadUInt16(symbolSection.Offset + (index * 24) + 6) != 0))];
    }

    private HashSet<int> ReadRelocatedSymbolIndexes()
    {
        var symbolSectionIndex = sections.FindIndex(s => s.Type == SectionTypeDynamicSymbols);
        var result = new HashSet<int>();
        foreach (var section in sections.Where(s => (s.Type == SectionTypeRela || s.Type == SectionTypeRel) && s.Link == symbolSectionIndex))
        {
            var entrySize = section.EntrySize > 0 ? section.EntrySize : (section.Type == SectionTypeRela ? 24 : 16);
            for (var at = section.Offset; at + entrySize <= section.Offset + section.Size; at += entrySize)
            {
                var symbolIndex = (int)(ReadUInt64(at + 8) >> 32);
                if (symbolIndex != 0)
                {
                    result.Add(symbolIndex);
                }
            }
        }

        return result;
    }

    private string ReadString(Section strings, uint offset)
    {
        var start = strings.Offset + (int)offset;
        var end = Array.IndexOf(bytes, (byte)0, start, strings.Offset + strings.Size - start);
        if (end < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "A name runs past the end of its string table.");
        }

        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private ushort ReadUInt16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at, 2));

    private uint ReadUInt32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at, 4));

    private ulong ReadUInt64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at, 8));

    private sealed record Section(uint Type, int Offset, int Size, int Link, int Info, int EntrySize);
}

/// <summary>The versions an ELF file needs from one library (an entry of <c>.gnu.version_r</c>).</summary>
internal sealed record VersionNeed(string File, IReadOnlyList<VersionNeedEntry> Entries);

/// <summary>One needed version; <see cref="FlagsFileOffset"/> is where its 16-bit flags sit in the file.</summary>
internal sealed record VersionNeedEntry(string Name, ushort Flags, int VersionIndex, int FlagsFileOffset)
{
    /// <summary><c>VER_FLG_WEAK</c>: the dynamic loader accepts a library that lacks the version.</summary>
    public const ushort WeakFlag = 0x2;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}

/// <summary>A dynamic symbol, with the version index <c>.gnu.version</c> gives it.</summary>
internal sealed record DynamicSymbol(int Index, string Name, int VersionIndex, bool IsDefined);
