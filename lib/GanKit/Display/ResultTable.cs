using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// A table of labelled rows of already formatted cells, shown as HTML in a notebook and as aligned text elsewhere.
/// <see cref="Experiments.Experiment{TResult}.Table"/> makes them. Introduced in chapter 04.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class ResultTable
{
    /// <summary>A table titled <paramref name="title"/>; each row has a label and one cell per column.</summary>
    /// <exception cref="ArgumentException">A row's cell count differs from the column count, or the labels and rows differ in number.</exception>
    public ResultTable(string title, IReadOnlyList<string> columns, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(cells);
        if (labels.Count != cells.Count || cells.Any(row => row.Count != columns.Count))
        {
            throw new ArgumentException($"Each of the {labels.Count} labels needs one row of {columns.Count} cells.", nameof(cells));
        }

        Title = title;
        Columns = columns;
        Labels = labels;
        Cells = cells;
    }

    public string Title { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<IReadOnlyList<string>> Cells { get; }

    public string ToHtml()
    {
        var header = string.Concat(Columns.Select(column => $"<th>{WebUtility.HtmlEncode(column)}</th>"));
        var body = string.Concat(Labels.Select((label, index) =>
            $"<tr><td style=\"text-align:left\">{WebUtility.HtmlEncode(label)}</td>{string.Concat(Cells[index].Select(cell => $"<td style=\"text-align:right\">{WebUtility.HtmlEncode(cell)}</td>"))}</tr>"));
        return $"<table><caption style=\"text-align:left\"><b>{WebUtility.HtmlEncode(Title)}</b></caption><tr><th></th>{header}</tr>{body}</table>";
    }

    public override string ToString()
    {
        var labelWidth = Labels.Append(string.Empty).Max(label => label.Length);
        var widths = Columns.Select((column, index) => Cells.Select(row => row[index].Length).Append(column.Length).Max()).ToList();
        var lines = new List<string> { Title, string.Join("  ", Columns.Select((column, index) => column.PadLeft(widths[index])).Prepend(new string(' ', labelWidth))) };
        lines.AddRange(Labels.Select((label, row) => string.Join("  ", Cells[row].Select((cell, index) => cell.PadLeft(widths[index])).Prepend(label.PadRight(labelWidth)))));
        return string.Join('\n', lines);
    }
}
