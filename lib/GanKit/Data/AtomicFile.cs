namespace GanKit.Data;

/// <summary>
/// Writes a file through a temporary file beside it that is renamed into place once complete, so nobody ever reads a
/// half-written file and a failed write leaves nothing behind. Every file GanKit and the course's tools write goes
/// through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>, creating its folder. With <paramref name="overwrite"/>
    /// false an existing file is left as it is and the write fails. <paramref name="write"/> must leave the stream open
    /// (wrap it in a writer with <c>leaveOpen: true</c>; TorchSharp's <c>Module.save(Stream)</c> closes it).
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> exists and <paramref name="overwrite"/> is false, or the disk refused.</exception>
    public static void Write(string path, Action<FileStream> write, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        if (!overwrite && File.Exists(fullPath))
        {
            throw new IOException($"{fullPath} exists already and is never overwritten. Move it away or write to another path.");
        }

        var temporary = $"{fullPath}.{Environment.ProcessId}.tmp";
        FileStream file;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 20);
        }
        catch (Exception exception) when (FileSystemError.Is(exception))
        {
            throw Refused(fullPath, exception);
        }

        try
        {
            using (file)
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite);
        }
        catch (Exception exception)
        {
            DeleteQuietly(temporary);   // the file this call created, never the user's (CreateNew refuses an existing one)
            if (FileSystemError.Is(exception) && !(exception is IOException && !overwrite && File.Exists(fullPath)))
            {
                throw Refused(fullPath, exception);
            }

            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; see <see cref="Write"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite = true)
    {
        var copy = bytes.ToArray();
        Write(path, file => file.Write(copy), overwrite);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>; see <see cref="Write"/>.</summary>
    public static void WriteAllText(string path, string text, bool overwrite = true) =>
        Write(path, file => file.Write(new System.Text.UTF8Encoding(false).GetBytes(text)), overwrite);

    // One line naming the file, what the system said and what to do; the original stays the inner exception.
    private static IOException Refused(string path, Exception exception) =>
        new($"Cannot write {path}: {FileSystemError.Reason(exception, path)}. {FileSystemError.Advice(exception)} Nothing else was changed.", exception);

    // A temporary file that cannot be deleted (the disk went away) must not hide the error that matters.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (FileSystemError.Is(exception))
        {
            // Left behind with its .tmp name, which every reader ignores.
        }
    }
}
