using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ChapterApps;

/// <summary>
/// A code cell as parts of a file-based app: its <c>#r</c> references, its using directives and type declarations
/// (which a C# file wants before and after its statements), and its statements, with the value the notebook would show
/// (<c>display(x)</c>, or the cell's last expression without a semicolon) passed to <c>ChapterApp.Display</c>.
/// </summary>
internal sealed record CodeCellTranslation(IReadOnlyList<string> References, IReadOnlyList<string> Usings, string Statements, IReadOnlyList<string> Types)
{
    /// <summary>What the app calls where the notebook shows a value.</summary>
    public const string DisplayCall = "ChapterApp.Display";

    // The notebook kernel compiles each cell as C# script: a last expression without a semicolon is the cell's value.
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Splits the code cell <paramref name="cellId"/> of <paramref name="notebook"/> into its parts.</summary>
    /// <exception cref="ChapterAppsException">The cell does not parse, or uses something an app cannot do.</exception>
    public static CodeCellTranslation Of(string source, string notebook, string cellId)
    {
        var where = $"{notebook}, cell {cellId}";

        // First the #r lines: each is a whole line (a directive), removed here and answered by the app's #:project.
        var tree = CSharpSyntaxTree.ParseText(source, Script);
        var root = tree.GetCompilationUnitRoot();
        if (root.GetLoadDirectives().FirstOrDefault() is { } load)
        {
            throw new ChapterAppsException($"{where}: {load} loads a script, which a file-based app cannot do; put the code in a cell.");
        }

        var references = root.GetReferenceDirectives().Select(directive => directive.File.ValueText).ToList();
        var withoutReferences = Apply(source, root.GetReferenceDirectives().Select(directive => new TextChange(directive.FullSpan, "")));

        tree = CSharpSyntaxTree.ParseText(withoutReferences, Script);
        root = tree.GetCompilationUnitRoot();
        if (root.GetDiagnostics().FirstOrDefault(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new ChapterAppsException($"{where} does not parse as C#: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (line {error.Location.GetLineSpan().StartLinePosition.Line + 1}).");
        }

        if (root.Externs.FirstOrDefault() is { } externAlias)
        {
            throw new ChapterAppsException($"{where}: {externAlias} has no place in a file-based app.");
        }

        // Then every display(x), wherever it stands (in a loop, a lambda, a method of a type), becomes ChapterApp.Display(x).
        var displayed = Apply(withoutReferences, root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(IsDisplay).Select(shown => DisplayChange(shown, where)));
        root = CSharpSyntaxTree.ParseText(displayed, Script).GetCompilationUnitRoot();

        // Last, usings to the top and types to the end, each with its line break (comments before them stay in place),
        // and the cell's shown value: a last expression without a semicolon.
        var changes = new List<TextChange>();
        var usings = root.Usings.Select(directive => directive.WithoutTrivia().ToString()).ToList();
        changes.AddRange(root.Usings.Select(directive => new TextChange(TextSpan.FromBounds(directive.SpanStart, directive.FullSpan.End), "")));

        var types = new List<string>();
        foreach (var member in root.Members.Where(member => member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
        {
            types.Add(member.ToFullString().Trim('\n', '\r'));
            changes.Add(new TextChange(member.FullSpan, ""));
        }

        if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
        {
            if (ShowsAValue(last.Expression))
            {
                changes.Add(new TextChange(new TextSpan(last.Expression.SpanStart, 0), DisplayCall + "("));
                changes.Add(new TextChange(new TextSpan(last.Expression.Span.End, 0), ")"));
            }

            changes.Add(new TextChange(new TextSpan(last.Expression.Span.End, 0), ";"));
        }

        var statements = Apply(displayed, changes);
        return new CodeCellTranslation(references, usings, TrimBlankLines(statements), types);
    }

    /// <summary>A call of the kernel's <c>display(…)</c>.</summary>
    private static bool IsDisplay(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "display" } };

    /// <summary><c>display(x)</c> as <c>ChapterApp.Display(x)</c>, where the value it returns is not used.</summary>
    private static TextChange DisplayChange(InvocationExpressionSyntax shown, string where)
    {
        if (shown.ArgumentList.Arguments.Count != 1)
        {
            throw new ChapterAppsException($"{where}: `{shown}` names how to show the value, which only a notebook kernel can do; show the value alone, display(x).");
        }

        // A statement, or the body of a lambda (list.ForEach(n => display(n))): the returned value is dropped.
        if (shown.Parent is not (ExpressionStatementSyntax or LambdaExpressionSyntax))
        {
            throw new ChapterAppsException($"{where}: `{shown}` uses the value display(…) returns, which only a notebook kernel has; use LiveOutput.Show(…) for an output that changes.");
        }

        return new TextChange(shown.Expression.Span, DisplayCall);
    }

    /// <summary>
    /// Whether a cell's last expression has a value to show. Without types to look at, the calls known to return nothing
    /// are recognised by name: ChapterApp.Display (a display(x) rewritten above), Console.Write and WriteLine, and an
    /// awaited task.
    /// </summary>
    private static bool ShowsAValue(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax => false,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } =>
            access.ToString() is not (DisplayCall or "Console.WriteLine" or "Console.Write" or "System.Console.WriteLine" or "System.Console.Write"),
        _ => true,
    };

    private static string Apply(string text, IEnumerable<TextChange> changes) => SourceText.From(text).WithChanges(changes).ToString();

    private static string TrimBlankLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines);
    }
}
