using System.Globalization;

namespace GanKit.Runtime;

/// <summary>
/// Every <c>GANKIT_*</c> environment setting (README.md's Settings table says what each does), parsed one way: unset or
/// blank means the default; any value not allowed is an <see cref="ArgumentException"/> naming variable, value and choices.
/// </summary>
internal static class Settings
{
    public const string Smoke = "GANKIT_SMOKE";
    public const string Threads = "GANKIT_THREADS";
    public const string Cache = "GANKIT_CACHE";
    public const string Malloc = "GANKIT_MALLOC";
    public const string Device = "GANKIT_DEVICE";

    /// <summary>Read at build time by GanKit.csproj, named here so every setting is in one place.</summary>
    public const string Backend = "GANKIT_BACKEND";

    public static bool IsSmoke => ParseSmoke(Read(Smoke));

    /// <summary>The <see cref="Cache"/> folder, or null when unset.</summary>
    /// <exception cref="ArgumentException">It is not an absolute path.</exception>
    public static string? CacheFolder => AbsoluteFolder(Cache, Read(Cache));

    public static bool MallocTuning => ParseMalloc(Read(Malloc));

    /// <summary>auto, cpu or cuda (<c>DeviceChoice.Choose</c> checks it), or null.</summary>
    public static string? DeviceRequest => Read(Device);

    /// <summary>The variable's value, trimmed; null when it is unset or blank.</summary>
    public static string? Read(string variable) => Environment.GetEnvironmentVariable(variable)?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Parses every setting, so a value that cannot work is one message before a command creates or loads anything,
    /// rather than when the setting is first read.
    /// </summary>
    /// <exception cref="ArgumentException">The first setting with a value not allowed; the message names it and the choices.</exception>
    public static void CheckAll()
    {
        ParseSmoke(Read(Smoke));
        ParseThreads(Read(Threads));
        ParseMalloc(Read(Malloc));
        ParseDevice(Read(Device));
        AbsoluteFolder(Cache, Read(Cache));
    }

    /// <summary>Parses a <see cref="Device"/> value: unset or auto, cpu, or cuda.</summary>
    public static string ParseDevice(string? value) => Choice(Device, value, "auto", ("auto", "auto"), ("cpu", "cpu"), ("cuda", "cuda"));

    /// <summary>Parses a <see cref="Smoke"/> value: unset, 0 or false mean full; 1 or true mean smoke.</summary>
    public static bool ParseSmoke(string? value) => Choice(Smoke, value, "0", ("1", true), ("true", true), ("0", false), ("false", false));

    /// <summary>Parses a <see cref="Threads"/> value: null when unset, else a whole number ≥ 1.</summary>
    public static int? ParseThreads(string? value) => WholeNumber(Threads, value, minimum: 1);

    /// <summary>Parses a <see cref="Malloc"/> value: unset or on mean the tuning, off means glibc's defaults.</summary>
    public static bool ParseMalloc(string? value) => Choice(Malloc, value, "on", ("on", true), ("off", false));

    /// <summary>
    /// One of <paramref name="choices"/> (matched ignoring case), or the choice named <paramref name="unset"/> when
    /// <paramref name="value"/> is null or blank.
    /// </summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static T Choice<T>(string variable, string? value, string unset, params (string Word, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var word = string.IsNullOrWhiteSpace(value) ? unset : value.Trim();
        foreach (var choice in choices)
        {
            if (string.Equals(choice.Word, word, StringComparison.OrdinalIgnoreCase))
            {
                return choice.Value;
            }
        }

        var words = choices.Select(choice => choice.Word).ToArray();
        throw new ArgumentException(
            $"{variable} must be {string.Join(", ", words[..^1])} or {words[^1]}, but it is '{value}'. Unset it for the default ({unset}).");
    }

    /// <summary>An absolute folder path, or null when <paramref name="value"/> is null or blank.</summary>
    /// <exception cref="ArgumentException">A relative path, which would mean another folder in every notebook's working directory.</exception>
    public static string? AbsoluteFolder(string variable, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Path.IsPathFullyQualified(value.Trim())
            ? value.Trim()
            : throw new ArgumentException($"{variable} must be an absolute folder path (starting with /), but it is '{value}'. Unset it for the default.");
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>, or null when <paramref name="value"/> is null or blank.</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static int? WholeNumber(string variable, string? value, int minimum)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new ArgumentException($"{variable} must be a whole number of at least {minimum}, but it is '{value}'. Unset it for the default.");
    }
}
