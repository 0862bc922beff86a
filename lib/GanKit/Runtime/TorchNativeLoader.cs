using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace GanKit.Runtime;

/// <summary>
/// Loads libtorch and TorchSharp's native library before TorchSharp looks for them, and on Linux hands TorchSharp
/// those handles through a resolver, so a console program, <c>dotnet test</c> and a notebook kernel all find them: the
/// package's files as shipped, or a <see cref="NativeLibraryCorrection"/> copy where libstdc++ is too old.
/// </summary>
internal static class TorchNativeLoader
{
    private static readonly Dictionary<string, IntPtr> LoadedLibraries = new(StringComparer.Ordinal);

    /// <summary>Loads the natives and returns one line saying how, and whether the CUDA natives are among them.</summary>
    /// <param name="cacheFolder">Where a corrected copy goes; asked only when one is needed.</param>
    public static (string Line, bool CudaNatives) Load(Func<string> cacheFolder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return ("native libraries: as shipped (no correction is needed outside Linux)", false);
        }

        var torchSharpAssembly = typeof(torch).Assembly;
        var folders = CandidateFolders(torchSharpAssembly).ToList();
        var torchSharpLibrary = FindFile("libLibTorchSharp.so", folders);
        var libtorch = FindFile("libtorch.so", folders);
        var libtorchCpu = FindFile("libtorch_cpu.so", folders);
        var libtorchCuda = Path.Combine(Path.GetDirectoryName(libtorch)!, "libtorch_cuda.so");
        var cudaNatives = BuiltBackend() == "cuda";
        if (cudaNatives && !File.Exists(libtorchCuda))
        {
            throw new TorchStartException(
                $"GanKit was built for CUDA, but {libtorchCuda} is missing: the CUDA package restore is incomplete (its largest files " +
                "are put together on the first build). Build GanKit again (dotnet build lib/GanKit), or build for the CPU with GANKIT_BACKEND=cpu, then restart the kernel.");
        }

        // libtorch first, so the dynamic loader finds what libLibTorchSharp.so needs already loaded by name, wherever
        // that is loaded from (the CUDA build's libtorch.so also needs libtorch_cuda.so).
        LoadedLibraries["torch_cpu"] = LoadOrExplain(libtorchCpu);
        if (cudaNatives)
        {
            LoadedLibraries["torch_cuda"] = LoadOrExplain(libtorchCuda);
        }

        LoadedLibraries["torch"] = LoadOrExplain(libtorch);

        var standardLibraryPath = FindLoadedStandardLibrary();
        var availableVersions = ElfFile.Parse(File.ReadAllBytes(standardLibraryPath), standardLibraryPath).VersionDefinitions.ToHashSet(StringComparer.Ordinal);
        var originalBytes = File.ReadAllBytes(torchSharpLibrary);
        var library = ElfFile.Parse(originalBytes, torchSharpLibrary);
        var entry = NativeLibraryCorrection.FindEntryToCorrect(library, availableVersions, torchSharpLibrary, standardLibraryPath);

        string line;
        if (entry is null)
        {
            LoadedLibraries["LibTorchSharp"] = LoadOrExplain(torchSharpLibrary);
            line = $"native libraries: as shipped ({standardLibraryPath} has every version TorchSharp needs)";
        }
        else
        {
            var folder = cacheFolder();
            string corrected;
            try
            {
                corrected = NativeLibraryCorrection.WriteCorrectedCopy(torchSharpLibrary, NativeLibraryCorrection.MarkWeak(originalBytes, entry), folder);
            }
            catch (Exception exception) when (Data.FileSystemError.Is(exception))
            {
                throw new TorchStartException(
                    $"GanKit cannot write a corrected copy of TorchSharp's library into its cache folder {folder}: {Data.FileSystemError.Reason(exception, Path.Combine(folder, "native", "file"))}. " +
                    $"Set {Settings.Cache} to an absolute folder you can write to (for example /tmp/gankit-cache), then restart the kernel.");
            }

            LoadedLibraries["LibTorchSharp"] = LoadOrExplain(corrected);
            line = $"native libraries: {standardLibraryPath} lacks {NativeLibraryCorrection.CorrectableVersion}, " +
                   $"so a corrected copy of libLibTorchSharp.so is used (only that unused version need marked weak): {corrected}";
        }

        RegisterResolver(torchSharpAssembly);
        return ($"{(cudaNatives ? "CUDA" : "CPU")} {line}", cudaNatives);
    }

    /// <summary>The backend GanKit was built with (GanKit.csproj's <c>GanKitBackend</c>): "cpu" or "cuda".</summary>
    internal static string BuiltBackend() =>
        typeof(TorchNativeLoader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "GanKitBackend")?.Value ?? "cpu";

    private static void RegisterResolver(Assembly torchSharpAssembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(torchSharpAssembly, (name, _, _) =>
                LoadedLibraries.TryGetValue(name, out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException exception)
        {
            throw new TorchStartException(
                "Another component already told .NET where TorchSharp's native libraries are, so GanKit cannot. " +
                $"Restart the kernel (or process) and start GanKit before anything else touches TorchSharp. ({exception.Message})");
        }
    }

    private static IEnumerable<string> CandidateFolders(Assembly torchSharpAssembly)
    {
        var nextToTorchSharp = Path.GetDirectoryName(torchSharpAssembly.Location);
        foreach (var baseFolder in new[] { nextToTorchSharp, AppContext.BaseDirectory }.OfType<string>().Distinct())
        {
            yield return baseFolder;
            yield return Path.Combine(baseFolder, "runtimes", "linux-x64", "native");
        }
    }

    private static string FindFile(string fileName, IReadOnlyList<string> folders) =>
        folders.Select(folder => Path.Combine(folder, fileName)).FirstOrDefault(File.Exists)
        ?? throw new TorchStartException(
            $"{fileName} was not found in {string.Join(" or ", folders)}. Build GanKit from the repository root " +
            "(dotnet build lib/GanKit) so that TorchSharp's native libraries are copied beside it, then restart the kernel.");

    private static IntPtr LoadOrExplain(string path)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException exception)
        {
            throw new TorchStartException($"{path} did not load: {exception.Message}");
        }
    }

    private static string FindLoadedStandardLibrary()
    {
        var loaded = FindLoadedModule();
        if (loaded is null)
        {
            NativeLibrary.Load(NativeLibraryCorrection.StandardLibraryFile);
            loaded = FindLoadedModule();
        }

        return loaded ?? throw new TorchStartException(
            $"{NativeLibraryCorrection.StandardLibraryFile} could not be found in this process; install the system's C++ runtime (libstdc++6).");
    }

    // The libstdc++ this process has loaded, from the process's module list.
    private static string? FindLoadedModule()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.Modules.Cast<System.Diagnostics.ProcessModule>()
            .Select(module => module.FileName)
            .FirstOrDefault(path => Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal));
    }
}
