using System.Globalization;

namespace Benchmark;

/// <summary>The thread settings to measure at: fixed intra-op thread counts, and whether GanKit's automatic policy too.</summary>
internal sealed record ThreadSettings(IReadOnlyList<int> Fixed, bool Automatic)
{
    /// <summary>One thread, every core, and the automatic policy.</summary>
    public static ThreadSettings Default => new([.. new[] { 1, Environment.ProcessorCount }.Distinct()], Automatic: true);

    /// <summary>The settings as the heading lists them: "1, 2, auto".</summary>
    public IEnumerable<string> Names => Fixed.Select(count => count.ToString(CultureInfo.InvariantCulture)).Concat(Automatic ? ["auto"] : []);

    /// <summary>Reads "1,2,auto" (whole numbers of at least 1 and "auto", comma-separated, each once); null when it cannot.</summary>
    public static ThreadSettings? Parse(string text)
    {
        var counts = new List<int>();
        var automatic = false;
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (string.Equals(item, "auto", StringComparison.OrdinalIgnoreCase) && !automatic)
            {
                automatic = true;
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && !counts.Contains(count))
            {
                counts.Add(count);
            }
            else
            {
                return null;
            }
        }

        return new ThreadSettings(counts, automatic);
    }
}
