using System.Text;

namespace GanKit.Display;

/// <summary>
/// A chapter run as a .NET file-based app (<c>dotnet run NN-topic.cs</c>) instead of in a notebook: what the notebook
/// would show goes into one <see cref="ChapterPage"/>, in order, while the terminal gets the printed text. The app calls
/// <see cref="Start"/> first, then <see cref="Markdown"/> for each markdown cell and <see cref="Display"/> where a cell
/// shows a value, and <see cref="Finish"/> last. <see cref="LiveOutput"/> keeps its latest value on the page, as an
/// executed notebook keeps a live output's last state.
/// </summary>
public static class ChapterApp
{
    private static PageWriter? pageText;

    /// <summary>The page being collected, or null outside an app (in a notebook, or before <see cref="Start"/>).</summary>
    public static ChapterPage? Page { get; private set; }

    /// <summary>Where <see cref="Finish"/> writes the page: <c>artifacts/apps/NN-topic.html</c> beside the notebooks folder.</summary>
    public static string? PagePath { get; private set; }

    /// <summary>The terminal, past the copy that goes onto the page: for progress lines that the page shows in place.</summary>
    internal static TextWriter Terminal => pageText?.Terminal ?? Console.Out;

    /// <summary>
    /// Starts the app of the notebook at <paramref name="notebookPath"/>: makes its folder the working folder (the
    /// notebook's paths are relative to it), starts a page titled <paramref name="title"/>, and copies printed text onto it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The notebook is not there.</exception>
    public static void Start(string notebookPath, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookPath);
        var notebook = Path.GetFullPath(notebookPath);
        if (!File.Exists(notebook))
        {
            throw new FileNotFoundException($"The app's notebook is not there: {notebook}. Run the app from its place in the repository (notebooks/apps/).", notebook);
        }

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

    /// <summary>Adds a markdown cell to the page (the terminal does not print it).</summary>
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
        Terminal.WriteLine($"Page: {PagePath} ({page.Charts} charts, {page.Images} pictures)");
        return PagePath!;
    }

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
