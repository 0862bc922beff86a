using System.Text;
using GanKit.Data;
using TorchSharp;

namespace Digits;

/// <summary>Where and how the commands write their results.</summary>
internal static class Outputs
{
    /// <summary>Creates <paramref name="folder"/> if needed and checks that a file can be written in it, before any long work starts.</summary>
    /// <exception cref="IOException">It cannot be written; the message names <paramref name="option"/> and the folder.</exception>
    public static void Prepare(string folder, string option)
    {
        try
        {
            Directory.CreateDirectory(folder);
            using var probe = new FileStream(Path.Combine(folder, $".write-check.{Environment.ProcessId}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {folder}: cannot write there ({FileSystemError.Reason(exception, Path.Combine(folder, "file"))}). {FileSystemError.Advice(exception)}", exception);
        }
    }

    /// <summary>Saves <paramref name="network"/>'s weights to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    public static void SaveWeights(torch.nn.Module network, string path, bool overwrite) =>
        // Through a writer that leaves the file open: Module.save(Stream) closes it before AtomicFile has flushed it.
        AtomicFile.Write(path, file =>
        {
            using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
            network.save(writer);
        }, overwrite);
}
