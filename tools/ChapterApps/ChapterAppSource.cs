using System.Globalization;
using System.Text;
using GanKit.Display;
using Microsoft.CodeAnalysis.CSharp;

namespace ChapterApps;

/// <summary>
/// The text of one chapter's file-based app, <c>notebooks/apps/NN-topic.cs</c>: GanKit by <c>#:project</c>, the
/// cells' usings, then every cell in order — markdown as comments and a <c>ChapterApp.Markdown</c> call that puts the
/// notebook's own cell on the page, code as code — then the types the cells declare, and last its checksum line
/// (<see cref="AppChecksum"/>).
/// </summary>
internal static class ChapterAppSource
{
    /// <summary>The command that writes the apps, named in each app's first lines.</summary>
    public const string GenerateCommand = "dotnet run --project tools/ChapterApps -c Release";

    /// <summary>How every app's second line starts, before its notebook's name.</summary>
    private const string GeneratedFrom = "// Generated from ../";

    /// <summary>Where GanKit's project is, from notebooks/apps/.</summary>
    private const string GanKitProject = "../../lib/GanKit/GanKit.csproj";

    // What the notebooks' #r lines load, and what the app references instead. TorchSharp comes with GanKit's project.
    private static readonly Dictionary<string, string> ReferenceDirectives = new(StringComparer.Ordinal)
    {
        ["../artifacts/gankit/GanKit.dll"] = $"#:project {GanKitProject}",
        ["../artifacts/gankit/TorchSharp.dll"] = $"#:project {GanKitProject}",
    };

    /// <summary>The app for the notebook <paramref name="notebookName"/> (a file name in notebooks/) with these cells.</summary>
    /// <exception cref="ChapterAppsException">A cell cannot become app code; the message names it.</exception>
    public static string Of(string notebookName, IReadOnlyList<NotebookCell> cells)
    {
        var appName = Path.ChangeExtension(notebookName, ".cs");
        var title = Title(notebookName, cells);
        var directives = new List<string>();
        var usings = new List<string>();
        var types = new List<(string Cell, string Text)>();
        var body = new StringBuilder();
        foreach (var cell in cells)
        {
            body.Append('\n').Append(Banner(cell)).Append('\n');
            if (!cell.IsCode)
            {
                foreach (var line in cell.Source.TrimEnd().Split('\n'))
                {
                    body.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
                }

                body.Append(CultureInfo.InvariantCulture, $"ChapterApp.MarkdownCell({Literal(cell.Id)});\n");
                continue;
            }

            var code = CodeCellTranslation.Of(cell.Source, notebookName, cell.Id);
            foreach (var reference in code.References)
            {
                directives.Add(ReferenceDirectives.TryGetValue(reference, out var directive) ? directive : throw new ChapterAppsException(
                    $"{notebookName}, cell {cell.Id}: #r \"{reference}\" has no app equivalent yet; the notebooks load only GanKit and TorchSharp from artifacts/gankit/. Add its #:project or #:package line to {nameof(ChapterAppSource)}.{nameof(ReferenceDirectives)}."));
            }

            usings.AddRange(code.Usings);
            types.AddRange(code.Types.Select(type => (cell.Id, type)));
            if (code.Statements.Length > 0)
            {
                body.Append(code.Statements).Append('\n');
            }
            else if (code.References.Count > 0)
            {
                body.Append("// (The notebook's #r lines: this app references GanKit, and TorchSharp with it, by #:project at the top.)\n");
            }
            else if (code.Usings.Count + code.Types.Count > 0)
            {
                body.Append("// (This cell's usings are at the top of the file and its types at the end: C# wants them there.)\n");
            }
        }

        if (!usings.Contains("using GanKit.Display;"))
        {
            usings.Add("using GanKit.Display;");
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            // Chapter "{title}" as a .NET file-based app, for running it without a notebook front end.
            {GeneratedFrom}{notebookName} by tools/ChapterApps. To change the chapter, edit the notebook, then run
            //     {GenerateCommand}
            // from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
            // To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
            //     dotnet run notebooks/apps/{appName}
            // It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
            // pictures and tables — to one page, artifacts/apps/{Path.ChangeExtension(notebookName, ".html")}, named in its last line.

            """);
        foreach (var directive in directives.Distinct(StringComparer.Ordinal))
        {
            text.Append(directive).Append('\n');
        }

        text.Append('\n');
        foreach (var directive in usings.Distinct(StringComparer.Ordinal))
        {
            text.Append(directive).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"\nChapterApp.Start({Literal("../" + notebookName)}, {Literal(title)});\n");
        text.Append(body);
        text.Append("\nChapterApp.Finish();\n");
        if (types.Count > 0)
        {
            text.Append("\n// ── The types the cells declare: a C# file has them after its statements. ──\n");
            foreach (var (cell, type) in types)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n// From {cell}:\n").Append(type).Append('\n');
            }
        }

        return AppChecksum.Seal(text.ToString());
    }

    /// <summary>The notebook an app says it was generated from (its second line), or null.</summary>
    public static string? NotebookOf(string appText) =>
        appText.Split('\n').Skip(1).FirstOrDefault() is { } line && line.StartsWith(GeneratedFrom, StringComparison.Ordinal)
            ? line[GeneratedFrom.Length..].Split(' ')[0]
            : null;

    /// <summary>The chapter's title: the first markdown cell's first heading, without its #.</summary>
    private static string Title(string notebookName, IReadOnlyList<NotebookCell> cells) =>
        cells.Where(cell => !cell.IsCode).SelectMany(cell => cell.Source.Split('\n')).FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal)) is { } heading
            ? heading[2..].Trim()
            : throw new ChapterAppsException($"{notebookName} has no title: its first heading (a markdown line starting with \"# \") names the chapter's page.");

    private static string Banner(NotebookCell cell)
    {
        var head = $"// ── {cell.Id} ({(cell.IsCode ? "code" : "markdown")}) ";
        return head + new string('─', Math.Max(3, 100 - head.Length));
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
