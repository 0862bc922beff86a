using System.Security.Cryptography;
using System.Text;
using GanKit.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// A GAN run's checkpoint file: the step, both networks, both optimizers' state and the generator's weight average,
/// followed by the SHA-256 of all of it, so a truncated or altered file is refused before anything is read. Written
/// through <see cref="AtomicFile"/>, so a crash never leaves a half-written checkpoint. Introduced in chapter 05.
/// </summary>
public static class GanCheckpoint
{
    public const string Extension = ".gan-checkpoint";

    private const int FormatVersion = 2;
    private const int HashSize = 32;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("GanKit GAN checkpoint\n");

    /// <summary>What a checkpoint holds besides the tensors: the networks' type names and the average's updates (−1: none).</summary>
    public sealed record Header(int Step, string Generator, string Discriminator, int AverageUpdates);

    /// <summary>Writes a checkpoint of <paramref name="step"/> to <paramref name="path"/>.</summary>
    /// <exception cref="IOException"><paramref name="path"/> exists already: an earlier checkpoint is never replaced.</exception>
    internal static void Save(string path, int step, nn.Module generator, nn.Module discriminator, optim.Optimizer generatorOptimizer, optim.Optimizer discriminatorOptimizer, ExponentialMovingAverage? average)
    {
        AtomicFile.Write(path, file =>
        {
            using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(step);
                writer.Write(generator.GetType().Name);
                writer.Write(discriminator.GetType().Name);
                writer.Write(average?.Updates ?? -1);
                generator.save(writer);
                discriminator.save(writer);
                Adam(generatorOptimizer).save_state_dict(writer);
                Adam(discriminatorOptimizer).save_state_dict(writer);
                average?.Average.save(writer);
            }

            file.Position = 0;
            var hash = SHA256.HashData(file);   // of everything written so far; the stream is now at its end
            file.Write(hash);
        }, overwrite: false);

        // Saving copied every tensor into managed arrays; collect them now, so a long run's memory stays flat.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Reads and verifies only the header of the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="DataFileException">The file is missing, truncated, altered or not a GanKit checkpoint; it is left as it is.</exception>
    public static Header ReadHeader(string path)
    {
        using var reader = OpenVerified(path, out _);
        return ReadHeader(reader, path);
    }

    /// <summary>Verifies the checkpoint at <paramref name="path"/> in full, then loads it and returns its header.</summary>
    /// <exception cref="DataFileException">The file is missing, truncated, altered, not a GanKit checkpoint, or written for other networks; it is left as it is.</exception>
    internal static Header Load(string path, nn.Module generator, nn.Module discriminator, optim.Optimizer generatorOptimizer, optim.Optimizer discriminatorOptimizer, ExponentialMovingAverage? average)
    {
        using var reader = OpenVerified(path, out var fullPath);
        var header = ReadHeader(reader, fullPath);
        if (header.Generator != generator.GetType().Name || header.Discriminator != discriminator.GetType().Name)
        {
            throw new DataFileException(fullPath,
                $"{fullPath} was written for a {header.Generator} and a {header.Discriminator}, not for this run's {generator.GetType().Name} and {discriminator.GetType().Name}. Resume with the same models, or start in another folder. The file was not changed.");
        }

        if ((header.AverageUpdates >= 0) != (average is not null))
        {
            throw new DataFileException(fullPath, header.AverageUpdates >= 0
                ? $"{fullPath} keeps an average of the generator's weights, but this run keeps none. Resume with the same settings (a weight average), or start in another folder. The file was not changed."
                : $"{fullPath} keeps no average of the generator's weights, but this run does. Resume with the same settings (no weight average), or start in another folder. The file was not changed.");
        }

        try
        {
            generator.load(reader);
            discriminator.load(reader);
            Adam(generatorOptimizer).load_state_dict(reader);
            Adam(discriminatorOptimizer).load_state_dict(reader);
            if (average is not null)
            {
                average.Average.load(reader);
                average.Restore(header.AverageUpdates);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InvalidDataException or IOException)
        {
            throw new DataFileException(fullPath,
                $"{fullPath} holds a {header.Generator} and a {header.Discriminator} of other sizes than this run's ({exception.Message}). Resume with the same settings (widths, noise size), or start in another folder. The file was not changed; rebuild the networks before training, as they may be partly loaded.");
        }

        return header;
    }

    private static BinaryReader OpenVerified(string path, out string fullPath)
    {
        fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new DataFileException(fullPath, $"There is no checkpoint at {fullPath}.");
        }

        var bytes = File.ReadAllBytes(fullPath);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new DataFileException(fullPath,
                $"{fullPath} is not a GanKit GAN checkpoint (it does not start with \"{Encoding.ASCII.GetString(Magic).Trim()}\"). Point to a {Extension} file written by GanTrainer. The file was not changed.");
        }

        if (bytes.Length < Magic.Length + HashSize
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            throw new DataFileException(fullPath,
                $"{fullPath} is truncated or corrupt: its contents do not match the SHA-256 written at its end ({bytes.Length:N0} bytes). Resume from an earlier checkpoint (move this one aside) or start again. The file was not changed.");
        }

        return new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashSize, writable: false), Encoding.UTF8);
    }

    private static Header ReadHeader(BinaryReader reader, string fullPath)
    {
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new DataFileException(fullPath, $"{fullPath} is a checkpoint of format {version}; this GanKit reads format {FormatVersion}. The file was not changed.");
        }

        return new Header(reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadInt32());
    }

    private static OptimizerHelper Adam(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper ?? throw new InvalidOperationException($"A {optimizer.GetType().Name} cannot be saved in a checkpoint.");
}
