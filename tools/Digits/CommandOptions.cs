using System.Globalization;

namespace Digits;

/// <summary>A command's <c>--name value</c> options and <c>--flag</c> switches, each read once; anything left over is an error.</summary>
internal sealed class CommandOptions(string[] args)
{
    private readonly HashSet<int> used = [];

    public string Text(string name, string fallback) => Value(name) ?? fallback;

    public int Number(string name, int fallback)
    {
        var text = Value(name);
        return text is null ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
            : throw new ArgumentException($"{name} must be a whole number ≥ 0, not '{text}'.");
    }

    public double Real(string name, double fallback)
    {
        var text = Value(name);
        return text is null ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"{name} must be a number ≥ 0, not '{text}'.");
    }

    public bool Flag(string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return false;
        }

        used.Add(index);
        return true;
    }

    /// <summary>Throws when an argument was not read by any option: a typo must not be ignored silently.</summary>
    public void RejectUnknown()
    {
        var unknown = Enumerable.Range(0, args.Length).Where(index => !used.Contains(index)).Select(index => args[index]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown argument{(unknown.Count == 1 ? "" : "s")}: {string.Join(' ', unknown)}.");
        }
    }

    private string? Value(string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        used.Add(index);
        used.Add(index + 1);
        return args[index + 1];
    }
}
