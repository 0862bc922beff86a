using TorchSharp;

namespace GanKit.Runtime;

/// <summary>
/// Which device the course computes on, and why: the decision <see cref="TorchSession.Start"/> makes from the
/// <c>GANKIT_DEVICE</c> setting (<c>auto</c>, the default; <c>cpu</c>; <c>cuda</c>) and from what this machine offers.
/// A CUDA request that cannot be met falls back to the CPU and says why, so the same cells run everywhere.
/// </summary>
/// <param name="Type">The device type chosen: CPU or CUDA.</param>
/// <param name="Reason">Why, in words a learner can act on.</param>
/// <param name="FellBack">CUDA was asked for explicitly but the CPU is used.</param>
public sealed record DeviceChoice(DeviceType Type, string Reason, bool FellBack)
{
    private const string Variable = Settings.Device;
    private const string BackendVariable = Settings.Backend;

    /// <summary>
    /// Decides the device. <paramref name="cudaDeviceCount"/> is asked only when the CUDA natives are loaded and the
    /// setting allows CUDA (asking initialises CUDA, which takes a moment on a GPU machine).
    /// </summary>
    /// <param name="setting">The value of <c>GANKIT_DEVICE</c>: auto, cpu or cuda; <c>null</c> or blank means auto.</param>
    /// <param name="cudaNativesLoaded">GanKit was built with the CUDA natives (TorchSharp-cuda-linux) and they loaded.</param>
    /// <param name="cudaDeviceCount">How many CUDA devices libtorch sees (0 when none).</param>
    /// <exception cref="ArgumentException">The setting is not <c>auto</c>, <c>cpu</c> or <c>cuda</c>.</exception>
    public static DeviceChoice Choose(string? setting, bool cudaNativesLoaded, Func<int> cudaDeviceCount)
    {
        ArgumentNullException.ThrowIfNull(cudaDeviceCount);
        var requested = Settings.Choice(Variable, setting, "auto", ("auto", "auto"), ("cpu", "cpu"), ("cuda", "cuda"));

        if (requested == "cpu")
        {
            return new DeviceChoice(DeviceType.CPU, $"{Variable}=cpu", FellBack: false);
        }

        const string CpuNativesOnly = "this GanKit build has the CPU natives only (libtorch-cpu-linux-x64)";
        const string HowToBuildForCuda = $"build GanKit on a machine with an NVIDIA GPU (it then takes the CUDA natives by itself) or with {BackendVariable}=cuda, and restart the kernel";
        const string HowToSeeTheGpu = "check nvidia-smi, and give the container the GPU (--gpus all; a devcontainer gets it from hostRequirements.gpu)";
        if (requested == "auto")
        {
            if (!cudaNativesLoaded)
            {
                return new DeviceChoice(DeviceType.CPU, $"{Variable}=auto and {CpuNativesOnly}; for the GPU, {HowToBuildForCuda}", FellBack: false);
            }

            var count = cudaDeviceCount();
            return count > 0
                ? new DeviceChoice(DeviceType.CUDA, $"{Variable}=auto and {Devices(count)} visible", FellBack: false)
                : new DeviceChoice(DeviceType.CPU, $"{Variable}=auto and no CUDA device is visible although the CUDA natives loaded; {HowToSeeTheGpu}", FellBack: false);
        }

        if (!cudaNativesLoaded)
        {
            return new DeviceChoice(DeviceType.CPU, $"CUDA was requested ({Variable}=cuda) but {CpuNativesOnly}: {HowToBuildForCuda}. Falling back to the CPU", FellBack: true);
        }

        var visible = cudaDeviceCount();
        return visible > 0
            ? new DeviceChoice(DeviceType.CUDA, $"{Variable}=cuda and {Devices(visible)} visible", FellBack: false)
            : new DeviceChoice(DeviceType.CPU, $"CUDA was requested ({Variable}=cuda) but no CUDA device is visible although the CUDA natives loaded: {HowToSeeTheGpu}. Falling back to the CPU", FellBack: true);
    }

    private static string Devices(int count) => count == 1 ? "1 CUDA device is" : $"{count} CUDA devices are";
}
