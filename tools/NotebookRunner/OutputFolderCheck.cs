namespace NotebookRunner;

/// <summary>
/// Checks, before any notebook runs, that the executed copies can be written to the <c>--output</c> folder: it is not
/// the folder of a notebook it would overwrite, holds no folder where an executed copy or a grades report goes, it is a
/// folder or can be created as one, it can be written to, and its <c>logs</c> subfolder can be made. It creates the
/// folder and <c>logs</c> when they are missing (the run would), and writes nothing else but a probe file that it
/// deletes at once.
/// </summary>
internal static class OutputFolderCheck
{
    /// <summary>The subfolder of the output folder where the runner keeps each run's output.</summary>
    public const string LogsFolder = "logs";

    /// <summary>
    /// What stands in the way of writing the executed copies of <paramref name="notebooks"/> (full paths) to
    /// <paramref name="folder"/> (a full path), as one line that names <c>--output</c> and the folder and says what to do;
    /// null when the folder is ready.
    /// </summary>
    public static string? Problem(string folder, IReadOnlyList<string> notebooks)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var overwritten = notebooks.FirstOrDefault(notebook => string.Equals(Path.Combine(folder, Path.GetFileName(notebook)), notebook, comparison));
        if (overwritten is not null)
        {
            return $"--output {folder} is the folder of the notebook {overwritten}: its executed copy would replace it. Name another folder for --output.";
        }

        var blocked = notebooks
            .Select(notebook => Path.Combine(folder, Path.GetFileName(notebook)))
            .SelectMany(copy => new[] { copy, NotebookExecution.GradesPath(copy) })
            .FirstOrDefault(Directory.Exists);
        if (blocked is not null)
        {
            return $"--output {folder} holds a folder named {Path.GetFileName(blocked)}, where the runner writes a file. Move that folder, or name another folder for --output.";
        }

        if (File.Exists(folder))
        {
            return $"--output {folder} is a file, not a folder. Name a folder for the executed copies.";
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"--output {folder} cannot be created ({Cause(folder, exception)}). Name a folder that can be created, or create it first.";
        }

        var probe = Path.Combine(folder, $".notebook-runner-write-check-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"--output {folder} cannot be written to ({GanKit.Data.FileSystemError.Reason(exception, probe)}). Name a folder you can write to.";
        }

        var logs = Path.Combine(folder, LogsFolder);
        if (File.Exists(logs))
        {
            return $"--output {folder} holds a file named {LogsFolder}, where the runner keeps its logs. Move that file, or name another folder for --output.";
        }

        try
        {
            Directory.CreateDirectory(logs);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"--output {folder}: its {LogsFolder} folder cannot be created ({Cause(logs, exception)}). Name another folder for --output.";
        }

        return null;
    }

    /// <summary>Why <paramref name="folder"/> could not be created: a file where a folder on its path should be, or what the system said.</summary>
    // Which folder above is a file, else what the system said in a learner's words (GanKit's FileSystemError).
    private static string Cause(string folder, Exception exception) => GanKit.Data.FileSystemError.Reason(exception, Path.Combine(folder, "file"));
}
