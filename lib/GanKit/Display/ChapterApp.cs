using System.Text;

namespace GanKit.Display;

/// <summary>
/// A chapter run as a .NET file-based app (<c>dotnet run NN-topic.cs</c>) instead of in a notebook: what the notebook
/// would show goes into one <see cref="ChapterPage"/>, in order, while the terminal gets the printed text. The app calls
/// <see cref="Start"/> first, then <see cref="MarkdownCell"/> for each markdown cell and <see cref="Display"/> where a
/// cell shows a value, and <see cref="Finish"/> last. <see cref="LiveOutput"/> keeps its latest value on the page, as an
/// executed notebook keeps a live output's last state, and an exercise's wrong answer is printed where the notebook
/// would fail the cell (<see cref="Exercise"/>). tools/ChapterApps writes the apps, notebooks/apps/NN-topic.cs.
/// </summary>
public static class ChapterApp
{
    private static PageWriter? pageText;
    private static Dictionary<string, string> markdownCells = [];
    private static bool stopHandled;

    /// <summary>The page being collected, or null outside an app (in a notebook, or before <see cref="Start"/>).</summary>
    public static ChapterPage? Page { get; private set; }

    /// <summary>Where <see cref="Finish"/> writes the page: <c>artifacts/apps/NN-topic.html</c> beside the notebooks folder.</summary>
    public static string? PagePath { get; private set; }

    /// <summary>The terminal, past the copy that goes onto the page: for progress lines that the page shows in place.</summary>
    internal static TextWriter Terminal => pageText?.Terminal ?? Console.Out;

    /// <summary>
    /// Starts the app of the notebook at <paramref name="notebookPath"/> (relative to the app's .cs file, or else to the
    /// working folder): makes the notebook's folder the working folder (the notebook's paths are relative to it), reads
    /// its markdown cells, starts a page titled <paramref name="title"/>, and copies printed text onto it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The notebook is not there.</exception>
    /// <exception cref="InvalidDataException">The notebook is not an nbformat 4 notebook, or its cell ids are missing or repeated.</exception>
    public static void Start(string notebookPath, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookPath);
        if (!stopHandled)
        {
            AppDomain.CurrentDomain.UnhandledException += (_, failure) => Stop(failure.ExceptionObject);   // from here on
            stopHandled = true;
        }

        // A file-based app knows its own file (the SDK sets EntryPointFileDirectoryPath), wherever `dotnet run` started.
        var appFolder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
        var notebook = Path.GetFullPath(notebookPath, appFolder);
        if (!File.Exists(notebook))
        {
            throw new FileNotFoundException($"The app's notebook is not there: {notebook}. The app reads its markdown from it: keep the app in notebooks/apps/, beside its notebook's folder.", notebook);
        }

        markdownCells = NotebookCells.Read(notebook).Where(cell => !cell.IsCode).ToDictionary(cell => cell.Id, cell => cell.Source, StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(notebook)!;
        Directory.SetCurrentDirectory(folder);
        Page = new ChapterPage(title, folder);
        PagePath = Path.GetFullPath(Path.Combine(folder, "..", "artifacts", "apps", Path.ChangeExtension(Path.GetFileName(notebook), ".html")));
        if (pageText is null)
        {
            pageText = new PageWriter(Console.Out);
            Console.SetOut(pageText);
        }
    }

    /// <summary>Adds the notebook's markdown cell <paramref name="cellId"/> to the page (the terminal does not print it).</summary>
    /// <exception cref="ArgumentException">The notebook has no markdown cell with that id: the app is older than its notebook.</exception>
    public static void MarkdownCell(string cellId) =>
        Markdown(markdownCells.TryGetValue(cellId, out var markdown)
            ? markdown
            : throw new ArgumentException($"The notebook has no markdown cell {cellId}: it changed after this app was written. Write the apps again (dotnet run --project tools/ChapterApps -c Release).", nameof(cellId)));

    /// <summary>Adds markdown to the page (the terminal does not print it).</summary>
    public static void Markdown(string markdown)
    {
        var page = Page ?? throw NotStarted();
        FlushText(page);
        page.AddMarkdown(markdown);
    }

    /// <summary>Shows <paramref name="value"/> as a cell's output: on the page, and as text in the terminal.</summary>
    public static void Display(object? value)
    {
        var page = Page ?? throw NotStarted();
        FlushText(page);
        page.AddOutput(value);
        Terminal.WriteLine(value);
    }

    /// <summary>Writes the page and prints its path as the app's last line.</summary>
    public static string Finish()
    {
        var page = Page ?? throw NotStarted();
        FlushText(page);
        page.Write(PagePath!);
        Terminal.WriteLine($"Page: {PagePath} ({Count(page.Charts, "chart")}, {Count(page.Images, "picture")})");
        return PagePath!;
    }

    /// <summary>
    /// A cell threw, and the app stops with exit code 1: one line in the terminal names the error and the app's line
    /// where it happened; the page so far is written with the whole error at its end, and named.
    /// </summary>
    private static void Stop(object failure)
    {
        var error = failure as Exception;
        var what = error is null ? failure.ToString() : $"{error.GetType().Name}: {error.Message}";
        var app = AppContext.GetData("EntryPointFilePath") as string;
        var frame = error is null ? null : new System.Diagnostics.StackTrace(error, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(frame => app is not null && frame.GetFileName() == app && frame.GetFileLineNumber() > 0);
        var where = frame is null ? "" : $" at {Path.GetFileName(app)}, line {frame.GetFileLineNumber()}";
        string page;
        try
        {
            if (Page is not { } chapterPage || PagePath is null)
            {
                page = "";
            }
            else
            {
                FlushText(chapterPage);
                chapterPage.AddText($"The app stopped here{where}:\n{failure}");
                chapterPage.Write(PagePath);
                page = $" The page so far: {PagePath}";
            }
        }
        catch (Exception pageFailure) when (pageFailure is IOException or UnauthorizedAccessException)
        {
            page = $" The page could not be written: {pageFailure.Message}";
        }

        Console.Error.WriteLine($"The app stopped{where}: {what}.{page}");
        Environment.Exit(1);   // before .NET prints the trace and aborts: the trace is on the page
    }

    private static string Count(int count, string thing) => $"{count} {thing}{(count == 1 ? "" : "s")}";

    /// <summary>Adds a live output to the page and returns its place; the terminal prints the value.</summary>
    internal static int? ShowLive(object value)
    {
        if (Page is not { } page)
        {
            return null;
        }

        FlushText(page);
        Terminal.WriteLine(value);
        return page.AddOutput(value);
    }

    /// <summary>Puts <paramref name="value"/> in a live output's place on the page; the terminal prints it.</summary>
    internal static void UpdateLive(int place, object value)
    {
        Terminal.WriteLine(value);
        Page?.ReplaceOutput(place, value);
    }

    private static void FlushText(ChapterPage page)
    {
        if (pageText?.TakeText() is { Length: > 0 } text)
        {
            page.AddText(text.TrimEnd('\n'));
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("The chapter app has not started: call ChapterApp.Start(notebookPath, title) first (the generated apps do).");

    /// <summary>Console output: to the terminal at once, and kept for the page until the next output or markdown cell.</summary>
    private sealed class PageWriter(TextWriter terminal) : TextWriter
    {
        private readonly StringBuilder text = new();
        private readonly Lock gate = new();

        public TextWriter Terminal { get; } = terminal;

        public override Encoding Encoding => Terminal.Encoding;

        public override void Write(char value)
        {
            lock (gate)
            {
                Terminal.Write(value);
                text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (gate)
            {
                Terminal.Write(value);
                text.Append(value);
            }
        }

        public override void Flush() => Terminal.Flush();

        public string TakeText()
        {
            lock (gate)
            {
                var taken = text.ToString();
                text.Clear();
                return taken;
            }
        }
    }
}
