namespace GanKit;

/// <summary>
/// The two sizes every chapter runs in, chosen by one setting: <b>full</b> (the real run a learner does; unset) or
/// <b>smoke</b> (<c>GANKIT_SMOKE=1</c>: seconds, used by the tests, same code on less data for fewer steps).
/// Introduced in chapter 01.
/// <code>
/// var steps = CourseSize.Pick(full: 3000, smoke: 300);
/// </code>
/// </summary>
public static class CourseSize
{
    /// <summary>The environment variable that selects the smoke size.</summary>
    public const string SmokeVariable = "GANKIT_SMOKE";

    /// <summary>Whether this run is the smoke size.</summary>
    public static bool IsSmoke => Parse(Environment.GetEnvironmentVariable(SmokeVariable));

    /// <summary>Returns <paramref name="full"/> or, in a smoke run, <paramref name="smoke"/>.</summary>
    public static T Pick<T>(T full, T smoke) => IsSmoke ? smoke : full;

    /// <summary>One line saying which size this run is and how to change it.</summary>
    public static string Describe() => IsSmoke
        ? $"Size: smoke ({SmokeVariable}=1): the same cells on less data for fewer steps. Unset {SmokeVariable} for the full run."
        : $"Size: full. Set {SmokeVariable}=1 for a quick smoke run of the same cells.";

    /// <summary>Reads a setting: unset, empty, <c>0</c> or <c>false</c> mean full; <c>1</c> or <c>true</c> mean smoke.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static bool Parse(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" => false,
        "1" or "true" => true,
        _ => throw new ArgumentException($"{SmokeVariable} must be 1 (smoke size) or unset (full size), but it is '{setting}'."),
    };
}
