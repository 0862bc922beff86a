using TorchSharp;
using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// Loads weights shipped in <c>data/</c> after checking them against the folder's <c>SHA256SUMS</c>, so a damaged or
/// replaced file is reported instead of silently giving another network. Introduced in chapter 05.
/// </summary>
internal static class ShippedWeights
{
    /// <summary>Loads <paramref name="fileName"/> into <paramref name="network"/>, in evaluation mode.</summary>
    /// <exception cref="DataFileException">The file is missing, corrupt or not a saved <typeparamref name="T"/>; it is left as it is.</exception>
    public static T Load<T>(string folder, string fileName, T network, Device? device)
        where T : nn.Module
    {
        var manifest = ChecksumManifest.Read(folder);
        var bytes = manifest.ReadVerified(fileName);
        var path = Path.Combine(manifest.Folder, fileName);
        try
        {
            using var stream = new MemoryStream(bytes);
            network.load(stream);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or NotImplementedException)
        {
            network.Dispose();
            throw new DataFileException(path, $"{path} is not a saved {typeof(T).Name} ({exception.Message}). It was not changed.");
        }

        network.eval();
        return device is null ? network : network.to(device);
    }
}
