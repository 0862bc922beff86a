using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>The device decision for every setting and every machine, including a CUDA request that cannot be met.</summary>
public sealed class DeviceChoiceTests
{
    private static readonly Func<int> NoDevice = () => 0;
    private static readonly Func<int> OneDevice = () => 1;
    private static readonly Func<int> MustNotBeAsked = () => throw new InvalidOperationException("CUDA must not be asked here.");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void AutoTakesTheCpuWhenTheBuildHasOnlyTheCpuNatives(string? setting)
    {
        var choice = DeviceChoice.Choose(setting, cudaNativesLoaded: false, MustNotBeAsked);

        Assert.Equal(DeviceType.CPU, choice.Type);
        Assert.False(choice.FellBack);
        Assert.StartsWith("GANKIT_DEVICE=auto and this GanKit build has the CPU natives only", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("GANKIT_BACKEND=cuda", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoTakesCudaWhenTheCudaNativesSeeADevice()
    {
        var choice = DeviceChoice.Choose("auto", cudaNativesLoaded: true, () => 2);

        Assert.Equal(DeviceType.CUDA, choice.Type);
        Assert.False(choice.FellBack);
        Assert.Equal("GANKIT_DEVICE=auto and 2 CUDA devices are visible", choice.Reason);
    }

    [Fact]
    public void AutoTakesTheCpuWhenTheCudaNativesSeeNoDevice()
    {
        var choice = DeviceChoice.Choose(null, cudaNativesLoaded: true, NoDevice);

        Assert.Equal(DeviceType.CPU, choice.Type);
        Assert.False(choice.FellBack);
        Assert.Contains("no CUDA device is visible", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("nvidia-smi", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CpuIsTakenWhenAskedForWithoutAskingCuda(bool cudaNatives)
    {
        var choice = DeviceChoice.Choose(" cpu ", cudaNatives, MustNotBeAsked);

        Assert.Equal(new DeviceChoice(DeviceType.CPU, "GANKIT_DEVICE=cpu", FellBack: false), choice);
    }

    [Fact]
    public void CudaIsTakenWhenAskedForAndAvailable()
    {
        var choice = DeviceChoice.Choose("cuda", cudaNativesLoaded: true, OneDevice);

        Assert.Equal(new DeviceChoice(DeviceType.CUDA, "GANKIT_DEVICE=cuda and 1 CUDA device is visible", FellBack: false), choice);
    }

    [Fact]
    public void ACudaRequestWithTheCpuNativesFallsBackToTheCpuAndSaysHowToGetCuda()
    {
        var choice = DeviceChoice.Choose("cuda", cudaNativesLoaded: false, MustNotBeAsked);

        Assert.Equal(DeviceType.CPU, choice.Type);
        Assert.True(choice.FellBack);
        Assert.StartsWith("CUDA was requested (GANKIT_DEVICE=cuda) but this GanKit build has the CPU natives only", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("GANKIT_BACKEND=cuda", choice.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Falling back to the CPU", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACudaRequestWithoutAVisibleDeviceFallsBackToTheCpuAndSaysWhatToCheck()
    {
        var choice = DeviceChoice.Choose("CUDA", cudaNativesLoaded: true, NoDevice);

        Assert.Equal(DeviceType.CPU, choice.Type);
        Assert.True(choice.FellBack);
        Assert.StartsWith("CUDA was requested (GANKIT_DEVICE=cuda) but no CUDA device is visible", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("--gpus all", choice.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Falling back to the CPU", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:0")]
    [InlineData("mps")]
    [InlineData("1")]
    public void AnUnknownSettingIsRejectedWithOneClearMessage(string setting)
    {
        var exception = Assert.Throws<ArgumentException>(() => DeviceChoice.Choose(setting, cudaNativesLoaded: true, MustNotBeAsked));

        Assert.Equal($"GANKIT_DEVICE must be auto, cpu or cuda, but it is '{setting}'. Unset it for the default (auto).", exception.Message);
    }
}
