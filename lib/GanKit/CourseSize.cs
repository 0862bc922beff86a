using GanKit.Runtime;

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
    /// <summary>Whether this run is the smoke size (<c>GANKIT_SMOKE=1</c>).</summary>
    public static bool IsSmoke => Settings.IsSmoke;

    /// <summary>Returns <paramref name="full"/> or, in a smoke run, <paramref name="smoke"/>.</summary>
    public static T Pick<T>(T full, T smoke) => IsSmoke ? smoke : full;

    /// <summary>One line saying which size this run is and how to change it.</summary>
    public static string Describe() => IsSmoke
        ? $"Size: smoke ({Settings.Smoke}=1): the same cells on less data for fewer steps. Unset {Settings.Smoke} for the full run."
        : $"Size: full. Set {Settings.Smoke}=1 for a quick smoke run of the same cells.";
}
