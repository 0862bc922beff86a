using System.Diagnostics;
using System.Globalization;
using System.Text;
using GanKit.Tools;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRunner;

/// <summary>
/// Runs one notebook top to bottom in this process on the .NET Interactive C# kernel, with the working directory set
/// to the notebook's folder (as VS Code and Jupyter do), and writes the executed copy. Stops at the first failing
/// cell. A running cell cannot be interrupted in-process, so a cell over its time limit ends the process.
/// </summary>
internal static class NotebookExecution
{
    public const int Passed = 0;
    public const int CellFailed = 1;
    public const int CellTimedOut = 3;

    /// <summary>How the closing line of a run that stopped at a cell begins; the line says where, why and what to do.</summary>
    public const string StoppedAt = "Stopped at code cell ";

    // The kernel redirects Console while a cell runs (and a timed-out cell keeps running), so the runner writes its
    // own messages straight to the process's standard output.
    private static readonly StreamWriter Out = new(Console.OpenStandardOutput()) { AutoFlush = true };

    /// <summary>
    /// Runs the notebook's code cells in order; with <paramref name="twice"/>, then again in the same kernel from the first
    /// cell after the setup cells (<see cref="SetupCellCount"/>), as a learner who re-runs the chapter does. The executed
    /// copy holds the last pass's outputs. With <paramref name="grade"/> a failing cell does not stop the run: every
    /// exercise is graded from what its check cell printed (<see cref="ExerciseGrades"/>), in a JSON file beside the copy.
    /// </summary>
    public static async Task<int> RunAsync(string notebookPath, string outputPath, TimeSpan cellTimeout, bool twice = false, bool grade = false)
    {
        var fullNotebookPath = Path.GetFullPath(notebookPath);
        var fullOutputPath = Path.GetFullPath(outputPath);
        var document = Notebook.Parse(await File.ReadAllTextAsync(fullNotebookPath), KernelInfos());
        Directory.SetCurrentDirectory(Path.GetDirectoryName(fullNotebookPath)!);

        using var kernel = CreateKernel();
        var kernelEvents = new List<KernelEvent>();
        using var subscription = kernel.KernelEvents.Subscribe(kernelEvent =>
        {
            lock (kernelEvents)
            {
                kernelEvents.Add(kernelEvent);
            }
        });
        var codeCells = document.Elements.Where(IsCode).ToList();
        var outputs = new OutputCollector();
        var clock = Stopwatch.StartNew();
        Out.WriteLine($"Running {Path.GetFileName(fullNotebookPath)}: {codeCells.Count} code cells, at most {cellTimeout.TotalSeconds:F0} s each.");

        var setupCells = SetupCellCount(codeCells);
        var passes = twice ? 2 : 1;
        var order = 0;
        var failedCells = 0;
        for (var run = 0; run < passes * codeCells.Count - (passes - 1) * setupCells; run++)
        {
            var index = run < codeCells.Count ? run : setupCells + (run - codeCells.Count);
            if (run == codeCells.Count)
            {
                Out.WriteLine($"Second pass: the same kernel again from code cell {setupCells + 1} (after {setupCells} setup cell{(setupCells == 1 ? "" : "s")}).");
            }

            var cell = codeCells[index];
            cell.KernelName = "csharp";
            cell.ExecutionOrder = ++order;
            cell.Outputs.Clear();
            var cellClock = Stopwatch.StartNew();

            lock (kernelEvents)
            {
                kernelEvents.Clear();
            }

            var submission = kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"));
            if (await Task.WhenAny(submission, Task.Delay(cellTimeout)) != submission)
            {
                var limit = cellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                var message = $"The cell did not finish within {limit} s (the per-cell time limit).";
                cell.Outputs.Add(new ErrorElement(errorValue: message, errorName: "Timeout", stackTrace: []));
                ExecutedNotebook.Write(document, fullOutputPath);
                ReportFailure(fullNotebookPath, index, codeCells.Count, cell.Contents, message,
                    $"Give it longer with --cell-timeout (now {limit} s), or make the cell finish sooner.");
                if (grade)
                {
                    // A running cell cannot be stopped in-process: the exercises after it are reported as not run.
                    WriteGrades(fullNotebookPath, fullOutputPath, codeCells, failedCells + 1);
                }

                return CellTimedOut;
            }

            var result = await submission;
            List<KernelEvent> published;
            lock (kernelEvents)
            {
                published = [.. kernelEvents];
            }

            var failure = outputs.Add(cell, WithNestedOutputs(result.Events, published));
            var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            Out.WriteLine($"[cell {index + 1}/{codeCells.Count}] {(failure is null ? "ok" : "FAILED")} in {cellClock.Elapsed.TotalSeconds:F1} s ({sinceStart.TotalSeconds:F1} s since the process started)");
            if (failure is not null && grade)
            {
                failedCells++;
                Out.WriteLine($"(grading: code cell {index + 1} failed and the run goes on) {failure.Split('\n')[0]}");
            }
            else if (failure is not null)
            {
                ExecutedNotebook.Write(document, fullOutputPath);
                ReportFailure(fullNotebookPath, index, codeCells.Count, cell.Contents, failure, "Fix the cell and run the notebook again.");
                return CellFailed;
            }
        }

        ExecutedNotebook.Write(document, fullOutputPath);
        if (grade)
        {
            WriteGrades(fullNotebookPath, fullOutputPath, codeCells, failedCells);
            return Passed;
        }

        Out.WriteLine($"Passed: all {codeCells.Count} code cells{(twice ? $", then cells {setupCells + 1}–{codeCells.Count} again," : "")} in {clock.Elapsed.TotalSeconds:F1} s; executed copy: {fullOutputPath}");
        return Passed;
    }

    private static void WriteGrades(string notebookPath, string outputPath, IReadOnlyList<InteractiveDocumentElement> codeCells, int failedCells)
    {
        var grades = ExerciseGrades.From(Path.GetFileName(notebookPath), codeCells, failedCells);
        var gradesPath = GradesPath(outputPath);
        grades.Write(gradesPath);
        Out.WriteLine($"Exercises of {Path.GetFileName(notebookPath)}:");
        foreach (var line in grades.Lines())
        {
            Out.WriteLine(line);
        }

        Out.WriteLine($"Grades: {grades.Summary}; {failedCells} failed cell{(failedCells == 1 ? "" : "s")}; report: {gradesPath}");
    }

    /// <summary>Where <c>--grade</c> writes the report of the executed copy at <paramref name="outputPath"/>: beside it, NAME.grades.json.</summary>
    public static string GradesPath(string outputPath) => Path.ChangeExtension(outputPath, ".grades.json");

    /// <summary>
    /// The setup cells: the leading code cells up to and including the one that starts TorchSharp
    /// (<c>TorchSession.Start()</c>) — the <c>#r</c> references, the usings and the session. A notebook that starts no
    /// session has none.
    /// </summary>
    public static int SetupCellCount(IReadOnlyList<InteractiveDocumentElement> codeCells)
    {
        for (var index = 0; index < codeCells.Count; index++)
        {
            if (codeCells[index].Contents.Contains("TorchSession.Start(", StringComparison.Ordinal))
            {
                return index + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// The cell's own events, and in their place the outputs of commands the cell sent to the kernel itself (a sealed
    /// exercise check, <c>Exercise.CheckSealed</c>, runs its code as a nested submission): a notebook front end shows
    /// those too, since it hears every event the kernel publishes. A nested command's failure is left out: the cell
    /// reports it as its own.
    /// </summary>
    private static List<KernelEvent> WithNestedOutputs(IReadOnlyList<KernelEvent> own, List<KernelEvent> published)
    {
        var ownEvents = own.ToHashSet(ReferenceEqualityComparer.Instance);
        var merged = published.Where(kernelEvent => ownEvents.Contains(kernelEvent) || kernelEvent is DisplayEvent).ToList();
        var mergedEvents = merged.ToHashSet(ReferenceEqualityComparer.Instance);
        merged.AddRange(own.Where(kernelEvent => !mergedEvents.Contains(kernelEvent)));
        return merged;
    }

    private static bool IsCode(InteractiveDocumentElement element) =>
        element.KernelName is not ("markdown" or "md") && !string.IsNullOrWhiteSpace(element.Contents);

    private static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["cs", "C#", "c#"]) };
        infos.DefaultKernelName = "csharp";
        return infos;
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        csharp.UseNugetDirective((kernel, references) =>
        {
            kernel.AddAssemblyReferences(references.SelectMany(reference => reference.AssemblyPaths));
            return Task.CompletedTask;
        });
        return new CompositeKernel { csharp };
    }

    /// <summary>The failing cell's source and error, then the one line that closes the run: where it stopped, why and <paramref name="whatToDo"/>.</summary>
    private static void ReportFailure(string notebookPath, int index, int count, string source, string error, string whatToDo)
    {
        var firstErrorLine = error.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "(no error text)";
        Out.WriteLine(string.Join('\n',
            $"FAILED: {notebookPath}, code cell {index + 1} of {count}.",
            "----- cell source -----",
            source.TrimEnd(),
            "----- error -----",
            error.TrimEnd(),
            "-----------------",
            $"{StoppedAt}{index + 1} of {count} of {notebookPath}: {OneLine.Of(firstErrorLine)}. {whatToDo}"));
    }

    /// <summary>
    /// Turns kernel events into notebook outputs as the Jupyter kernel does, keeping track of displays that later update in place.
    /// </summary>
    private sealed class OutputCollector
    {
        private readonly Dictionary<string, DisplayElement> displays = new(StringComparer.Ordinal);

        /// <summary>Adds the outputs of <paramref name="events"/> to <paramref name="cell"/>; returns the error text if the cell failed.</summary>
        public string? Add(InteractiveDocumentElement cell, IEnumerable<KernelEvent> events)
        {
            var text = new StringBuilder();
            var textStream = "stdout";
            string? failure = null;

            void FlushText()
            {
                if (text.Length > 0)
                {
                    cell.Outputs.Add(new TextElement(text.ToString(), textStream));
                    text.Clear();
                }
            }

            foreach (var kernelEvent in events)
            {
                switch (kernelEvent)
                {
                    case StandardOutputValueProduced or StandardErrorValueProduced:
                        var stream = kernelEvent is StandardErrorValueProduced ? "stderr" : "stdout";
                        if (stream != textStream)
                        {
                            FlushText();
                            textStream = stream;
                        }

                        var value = ((DisplayEvent)kernelEvent).FormattedValues.FirstOrDefault()?.Value ?? "";
                        text.Append(value);
                        Out.Write(value);
                        break;

                    case DisplayedValueUpdated updated when updated.ValueId is not null && displays.TryGetValue(updated.ValueId, out var shown):
                        shown.Data.Clear();
                        foreach (var formatted in updated.FormattedValues)
                        {
                            shown.Data[formatted.MimeType] = formatted.Value;
                        }

                        break;

                    case DisplayedValueProduced or DisplayedValueUpdated:
                        FlushText();
                        var display = new DisplayElement(Data((DisplayEvent)kernelEvent));
                        cell.Outputs.Add(display);
                        if (((DisplayEvent)kernelEvent).ValueId is { } valueId)
                        {
                            displays[valueId] = display;
                        }

                        break;

                    case DiagnosticsProduced diagnostics when diagnostics.FormattedDiagnostics.Count > 0:
                        // As the Jupyter kernel shows them: compiler warnings (and errors) as one stderr output.
                        FlushText();
                        var diagnosticsText = "\n" + string.Join("\n\n", diagnostics.FormattedDiagnostics.Select(formatted => formatted.Value)) + "\n\n";
                        cell.Outputs.Add(new TextElement(diagnosticsText, "stderr"));
                        Out.Write(diagnosticsText);
                        break;

                    case ReturnValueProduced returned:
                        FlushText();
                        var element = new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder };
                        foreach (var (mimeType, formattedValue) in Data(returned))
                        {
                            element.Data[mimeType] = formattedValue;
                        }

                        cell.Outputs.Add(element);
                        break;

                    case CommandFailed failed:
                        FlushText();
                        failure = failed.Exception is { } exception && exception.GetType().Name != "CodeSubmissionCompilationErrorException"
                            ? $"{exception.GetType().Name}: {exception.Message}"
                            : failed.Message;
                        cell.Outputs.Add(new ErrorElement(
                            errorValue: failure,
                            errorName: failed.Exception?.GetType().Name ?? "Error",
                            stackTrace: (failed.Exception?.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)));
                        break;
                }
            }

            FlushText();
            return failure;
        }

        private static Dictionary<string, object> Data(DisplayEvent displayEvent) =>
            displayEvent.FormattedValues
                .GroupBy(formatted => formatted.MimeType)
                .ToDictionary(group => group.Key, group => (object)group.Last().Value);
    }
}
