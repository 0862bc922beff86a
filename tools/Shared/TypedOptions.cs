using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GanKit.Tools;

/// <summary>
/// The kinds of option the commands take — whole numbers, numbers, folders — each parsed one way, with its
/// range checked while parsing, so a bad value is one error that names the option as the user typed it.
/// </summary>
internal static class TypedOptions
{
    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, <paramref name="fallback"/> when not given.</summary>
    public static Option<int> WholeNumber(string name, string description, int minimum, Func<ArgumentResult, int> fallback, int maximum = int.MaxValue) =>
        new(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = fallback,
            CustomParser = result => Parse<int>(result,
                text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum ? value : null,
                maximum == int.MaxValue ? $"a whole number of at least {minimum}" : $"a whole number from {minimum} to {maximum}"),   // as typed: no thousands separators
        };

    /// <summary>A finite number that <paramref name="allowed"/> accepts (<paramref name="expected"/> says which), <paramref name="fallback"/> when not given.</summary>
    public static Option<double> Number(string name, string helpName, string description, Func<double, bool> allowed, string expected, Func<ArgumentResult, double> fallback) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = fallback,
            CustomParser = result => Parse<double>(result,
                text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && allowed(value) ? value : (double?)null,
                expected),
        };

    /// <summary>A folder path (it need not exist yet, but must not be a file); null when not given.</summary>
    public static Option<DirectoryInfo?> Folder(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "FOLDER",
            CustomParser = result =>
            {
                if (result.Tokens is not [var token])
                {
                    return null;   // the parser reports the missing value itself
                }

                if (string.IsNullOrWhiteSpace(token.Value))
                {
                    result.AddError($"{Typed(result)} needs a folder path, not '{token.Value}'.");
                    return null;
                }

                var folder = new DirectoryInfo(token.Value);
                if (File.Exists(folder.FullName))
                {
                    result.AddError($"{Typed(result)} {folder.FullName} is a file, not a folder: name a folder.");
                }

                return folder;
            },
        };

    /// <summary>Whether the user typed <paramref name="option"/>, rather than leaving it at its default.</summary>
    public static bool IsGiven(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>The option's name as the user typed it.</summary>
    public static string Typed(ArgumentResult result) =>
        (result.Parent as OptionResult)?.IdentifierToken?.Value ?? result.Argument.Name;

    /// <summary>The value <paramref name="parse"/> reads from the option's one token, or an error saying it must be <paramref name="expected"/>.</summary>
    public static T Parse<T>(ArgumentResult result, Func<string, T?> parse, string expected)
        where T : struct
    {
        if (result.Tokens is not [var token])
        {
            return default;   // the parser reports the missing value itself
        }

        if (parse(token.Value) is { } value)
        {
            return value;
        }

        result.AddError($"{Typed(result)} must be {expected}, not '{token.Value}'.");
        return default;
    }
}
