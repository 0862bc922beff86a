using System.Globalization;

namespace GanKit.Runtime;

/// <summary>
/// Every <c>GANKIT_*</c> environment setting, read here and parsed one way: unset or blank means the default; a value
/// that is not allowed is an <see cref="ArgumentException"/> naming the variable, the value and what it may be.
/// README.md's Settings table says what each does.
/// </summary>
internal static class Settings
{
    /// <summary><c>1</c> or <c>true</c>: the smoke size (the same cells on less data for fewer steps).</summary>
    public const string Smoke = "GANKIT_SMOKE";

    /// <summary>libtorch's intra-op thread count, a whole number ≥ 1.</summary>
    public const string Threads = "GANKIT_THREADS";

    /// <summary>The folder GanKit keeps its cache in.</summary>
    public const string Cache = "GANKIT_CACHE";

    /// <summary><c>on</c> (default) or <c>off</c>: GanKit's tuning of glibc's malloc.</summary>
    public const string Malloc = "GANKIT_MALLOC";

    /// <summary><c>auto</c> (default), <c>cpu</c> or <c>cuda</c>: the device the session computes on.</summary>
    public const string Device = "GANKIT_DEVICE";

    /// <summary>At build time, <c>cpu</c> or <c>cuda</c>: which libtorch natives GanKit.csproj copies beside GanKit.</summary>
    public const string Backend = "GANKIT_BACKEND";

    /// <summary>Whether <see cref="Smoke"/> selects the smoke size.</summary>
    public static bool IsSmoke => ParseSmoke(Read(Smoke));

    /// <summary>The thread count <see cref="Threads"/> asks for, or null when it is unset.</summary>
    public static int? ThreadCount => ParseThreads(Read(Threads));

    /// <summary>The cache folder <see cref="Cache"/> names, or null when it is unset.</summary>
    public static string? CacheFolder => Read(Cache);

    /// <summary>Whether the malloc tuning is on (<see cref="Malloc"/> unset or <c>on</c>).</summary>
    public static bool MallocTuning => ParseMalloc(Read(Malloc));

    /// <summary>The device <see cref="Device"/> asks for (auto, cpu or cuda; <see cref="DeviceChoice.Choose"/> checks it), or null.</summary>
    public static string? DeviceRequest => Read(Device);

    /// <summary>The variable's value, trimmed; null when it is unset or blank.</summary>
    public static string? Read(string variable) => Environment.GetEnvironmentVariable(variable)?.Trim() is { Length: > 0 } value ? value : null;

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
