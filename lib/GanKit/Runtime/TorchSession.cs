using System.Reflection;
using TorchSharp;

namespace GanKit.Runtime;

/// <summary>
/// The first thing every notebook and program does: loads TorchSharp, chooses the intra-op threads and the device, and
/// says in one line each what it chose. Introduced in chapter 01.
/// <code>
/// var session = TorchSession.Start();
/// var x = torch.randn(3, device: session.Device);
/// </code>
/// </summary>
public sealed class TorchSession
{
    /// <summary>The intra-op thread count at the start unless <c>GANKIT_THREADS</c> says otherwise; <see cref="ThreadPolicy"/> may raise it per model.</summary>
    public const int DefaultThreads = 1;

    private static readonly Lock StartLock = new();
    private static TorchSession? started;

    private TorchSession()
    {
    }

    /// <summary>The device tensors and models go to (see <see cref="DeviceChoice"/>).</summary>
    public torch.Device Device { get; private init; } = null!;

    /// <summary>Why <see cref="Device"/> was chosen, and whether a CUDA request fell back to the CPU.</summary>
    public DeviceChoice DeviceChoice { get; private init; } = null!;

    /// <summary>The intra-op thread count libtorch was set to at the start (see <see cref="ThreadPolicy"/> for the count now).</summary>
    public int Threads { get; private init; }

    /// <summary>The lines <see cref="Start"/> printed.</summary>
    public IReadOnlyList<string> Report { get; private init; } = null!;

    /// <summary>Starts TorchSharp once per process (later calls return the same session); must run before any other use of it.</summary>
    /// <exception cref="TorchStartException">TorchSharp's native library cannot be loaded here; the message says why and what to do.</exception>
    /// <exception cref="ArgumentException"><c>GANKIT_THREADS</c> or <c>GANKIT_DEVICE</c> has a value that cannot work; the message names it.</exception>
    public static TorchSession Start()
    {
        lock (StartLock)
        {
            if (started is not null)
            {
                return started;
            }

            Settings.CheckAll();   // every setting, before anything is loaded or written
            var (nativeLine, cudaNatives) = TorchNativeLoader.Load(CacheFolder);
            var memoryLine = AllocatorTuning.Apply(Settings.MallocTuning);
            var (threads, threadsReason) = ChooseThreads(Settings.Read(Settings.Threads));
            var policy = new ThreadPolicy(Settings.ParseThreads(Settings.Read(Settings.Threads)), Environment.ProcessorCount);
            try
            {
                torch.set_num_threads(threads);
            }
            catch (TypeInitializationException exception)
            {
                throw new TorchStartException(
                    "TorchSharp failed to start, probably because it was used before GanKit started it. Restart the kernel and run " +
                    $"TorchSession.Start() before anything else. ({exception.InnerException?.Message ?? exception.Message})");
            }

            var choice = DeviceChoice.Choose(Settings.DeviceRequest, cudaNatives, CudaDeviceCount);
            var device = choice.Type == DeviceType.CUDA ? torch.CUDA : torch.CPU;
            var report = new[]
            {
                $"TorchSharp {TorchSharpVersion()} (libtorch {torch.__version__}) — {nativeLine}",
                $"Compute: {device.type.ToString().ToLowerInvariant()}, {(device.type == DeviceType.CUDA ? $"{threads} intra-op thread{(threads == 1 ? "" : "s")} ({threadsReason})" : policy.Describe())} — {choice.Reason}",
                $"Memory: {memoryLine}",
            };
            Console.WriteLine(string.Join(Environment.NewLine, report));
            ThreadPolicy.Current = device.type == DeviceType.CUDA ? null : policy;   // on a GPU the CPU threads hardly matter
            started = new TorchSession { Device = device, Threads = threads, DeviceChoice = choice, Report = report };
            return started;
        }
    }

    /// <summary>
    /// Checks every <c>GANKIT_*</c> setting (README.md's Settings table) without starting anything: the course's
    /// commands call it first, so a bad value is one line before any folder is made or file read.
    /// </summary>
    /// <exception cref="ArgumentException">A setting has a value that cannot work; the message names it and the values allowed.</exception>
    public static void CheckSettings() => Settings.CheckAll();

    /// <summary>The thread count for a <c>GANKIT_THREADS</c> value (null: the default) and why.</summary>
    /// <exception cref="ArgumentException">The setting is not a whole number ≥ 1.</exception>
    public static (int Threads, string Reason) ChooseThreads(string? setting) => Settings.ParseThreads(setting) is { } threads
        ? (threads, $"from {Settings.Threads}")
        : (DefaultThreads, $"the default for small models; set {Settings.Threads} to change it");

    // Asking initialises TorchSharp's CUDA backend (TorchSharp wants that before the first CUDA tensor or backward pass).
    private static int CudaDeviceCount() =>
        torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    // GANKIT_CACHE, else $XDG_CACHE_HOME/gankit (a relative one is ignored, as the XDG specification says), else
    // ~/.cache/gankit — never a folder relative to the working directory.
    private static string CacheFolder()
    {
        if (Settings.CacheFolder is { } chosen)
        {
            return chosen;
        }

        if (Settings.Read("XDG_CACHE_HOME") is { } xdgCache && Path.IsPathFullyQualified(xdgCache))
        {
            return Path.Combine(xdgCache, "gankit");
        }

        // .NET answers "" for a home folder that does not exist; HOME says which one that was.
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.IsPathFullyQualified(home) && Directory.Exists(home)
            ? Path.Combine(home, ".cache", "gankit")
            : throw new TorchStartException(
                $"GanKit needs a cache folder for a corrected copy of TorchSharp's library, but {(Settings.Read("HOME") is { } named ? $"the home folder {named} (HOME) does not exist" : "HOME is not set")}. " +
                $"Set {Settings.Cache} to an absolute folder you can write to (for example /tmp/gankit-cache), then restart the kernel.");
    }

    private static string TorchSharpVersion() =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}

/// <summary>TorchSharp could not be started here; the message says why and what to do.</summary>
public sealed class TorchStartException(string message) : Exception(message);
