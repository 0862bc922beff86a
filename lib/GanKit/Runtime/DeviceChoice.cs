using TorchSharp;

namespace GanKit.Runtime;

/// <summary>
/// Which device the course computes on, and why: <see cref="TorchSession.Start"/>'s decision from <c>GANKIT_DEVICE</c>
/// (auto, cpu or cuda) and what this machine offers. A CUDA request that cannot be met falls back to the CPU and says
/// why, so the same cells run everywhere.
/// </summary>
/// <param name="Type">CPU or CUDA.</param>
/// <param name="Reason">Why, in words a learner can act on.</param>
/// <param name="FellBack">CUDA was asked for explicitly but the CPU is used.</param>
public sealed record DeviceChoice(DeviceType Type, string Reason, bool FellBack)
{
    private const string Variable = Settings.Device;
    private const string CpuNativesOnly = "this GanKit build has the CPU natives only (libtorch-cpu-linux-x64)";
    private const string NoDeviceVisible = "no CUDA device is visible although the CUDA natives loaded";
    private const string HowToBuildForCuda = $"build GanKit on a machine with an NVIDIA GPU (it then takes the CUDA natives by itself) or with {Settings.Backend}=cuda, and restart the kernel";
    private const string HowToSeeTheGpu = "check nvidia-smi, and give the container the GPU (--gpus all; a devcontainer gets it from hostRequirements.gpu)";

    /// <summary>
    /// Decides the device. <paramref name="cudaDeviceCount"/> is asked only when the CUDA natives are loaded and the
    /// setting allows CUDA (asking initialises CUDA, which takes a moment on a GPU machine).
    /// </summary>
    /// <param name="setting">The value of <c>GANKIT_DEVICE</c>; <c>null</c> or blank means auto.</param>
    /// <param name="cudaNativesLoaded">GanKit was built with the CUDA natives (TorchSharp-cuda-linux) and they loaded.</param>
    /// <param name="cudaDeviceCount">How many CUDA devices libtorch sees.</param>
    /// <exception cref="ArgumentException">The setting is not <c>auto</c>, <c>cpu</c> or <c>cuda</c>.</exception>
    public static DeviceChoice Choose(string? setting, bool cudaNativesLoaded, Func<int> cudaDeviceCount)
    {
        ArgumentNullException.ThrowIfNull(cudaDeviceCount);
        var requested = Settings.ParseDevice(setting);
        if (requested == "cpu")
        {
            return new DeviceChoice(DeviceType.CPU, $"{Variable}=cpu", FellBack: false);
        }

        var count = cudaNativesLoaded ? cudaDeviceCount() : 0;
        if (count > 0)
        {
            return new DeviceChoice(DeviceType.CUDA, $"{Variable}={requested} and {(count == 1 ? "1 CUDA device is" : $"{count} CUDA devices are")} visible", FellBack: false);
        }

        var why = cudaNativesLoaded ? NoDeviceVisible : CpuNativesOnly;
        var fix = cudaNativesLoaded ? HowToSeeTheGpu : HowToBuildForCuda;
        return requested == "auto"
            ? new DeviceChoice(DeviceType.CPU, $"{Variable}=auto and {why}; {(cudaNativesLoaded ? "" : "for the GPU, ")}{fix}", FellBack: false)
            : new DeviceChoice(DeviceType.CPU, $"CUDA was requested ({Variable}=cuda) but {why}: {fix}. Falling back to the CPU", FellBack: true);
    }
}
