using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>The start-up as a notebook runs it: the native libraries load (corrected where needed) and torch computes.</summary>
public sealed class TorchSessionTests
{
    private readonly TorchSession session = TorchSession.Start();

    [Fact]
    public void StartingTwiceReturnsTheSameSession()
    {
        Assert.Same(session, TorchSession.Start());
        Assert.Same(TorchSession.Start(), TorchSession.Start());
    }

    [Fact]
    public void TorchComputesAMatrixProduct()
    {
        using var left = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var right = torch.tensor(new float[] { 5, 6, 7, 8 }, [2, 2]);

        using var product = torch.matmul(left, right);

        Assert.Equal([2L, 2L], product.shape);
        Assert.Equal([19f, 22f, 43f, 50f], product.data<float>().ToArray());
    }

    [Fact]
    public void TheSessionRunsOnTheDeviceAndWithTheThreadCountItReports()
    {
        var expected = TorchSession.ChooseThreads(Settings.Read(Settings.Threads)).Threads;
        var builtForCuda = TorchNativeLoader.BuiltBackend() == "cuda";
        var expectedChoice = DeviceChoice.Choose(Settings.Read(Settings.Device), builtForCuda, torch.cuda.device_count);

        Assert.Equal(expectedChoice, session.DeviceChoice);
        Assert.Equal(expectedChoice.Type, session.Device.type);
        Assert.Equal(expected, session.Threads);
        // The count now: the fixed one, or whatever the thread policy chose for the last model a test trained here.
        Assert.Contains(torch.get_num_threads(), Settings.ParseThreads(Settings.Read(Settings.Threads)) is { } fixedCount ? [fixedCount] : ThreadPolicy.Current!.Candidates);
        Assert.Equal(3, session.Report.Count);
        Assert.StartsWith("TorchSharp 0.107.0 (libtorch ", session.Report[0], StringComparison.Ordinal);
        Assert.Contains($"{(builtForCuda ? "CUDA" : "CPU")} native libraries: ", session.Report[0], StringComparison.Ordinal);
        var device = expectedChoice.Type == DeviceType.CUDA ? "cuda" : "cpu";
        Assert.StartsWith($"Compute: {device}, {expected} intra-op thread", session.Report[1], StringComparison.Ordinal);
        Assert.EndsWith($" — {expectedChoice.Reason}", session.Report[1], StringComparison.Ordinal);
        Assert.StartsWith("Memory: ", session.Report[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ThisBuildTakesTheCudaNativesExactlyWhenAnNvidiaGpuIsVisibleOrTheBackendIsForced()
    {
        var forced = Settings.Read(Settings.Backend);
        var expected = string.IsNullOrEmpty(forced) ? (File.Exists("/dev/nvidiactl") ? "cuda" : "cpu") : forced;

        Assert.Equal(expected, TorchNativeLoader.BuiltBackend());
    }

    [Fact]
    public void TheLoadedTorchSharpLibraryIsTheCorrectedCopyExactlyWhenTheSystemLibraryLacksGlibcxx332()
    {
        var standardLibraryPath = ElfTestFile.LoadedStandardLibraryPath();
        var systemVersions = ElfFile.Parse(File.ReadAllBytes(standardLibraryPath), standardLibraryPath).VersionDefinitions;

        var loaded = Assert.Single(ElfTestFile.MappedFiles("libLibTorchSharp.so"));

        if (systemVersions.Contains(NativeLibraryCorrection.CorrectableVersion))
        {
            Assert.Contains("as shipped", session.Report[0], StringComparison.Ordinal);
            Assert.Equal("libLibTorchSharp.so", Path.GetFileName(loaded));
            return;
        }

        Assert.Contains($"lacks {NativeLibraryCorrection.CorrectableVersion}", session.Report[0], StringComparison.Ordinal);
        Assert.EndsWith(loaded, session.Report[0], StringComparison.Ordinal);
        Assert.Equal("native", Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(loaded))));
        var copy = ElfFile.Parse(File.ReadAllBytes(loaded), loaded);
        var entry = copy.VersionNeeds.Single(need => need.File == NativeLibraryCorrection.StandardLibraryFile)
            .Entries.Single(entry => entry.Name == NativeLibraryCorrection.CorrectableVersion);
        Assert.True(entry.IsWeak);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AnUnsetThreadSettingMeansOneThread(string? setting)
    {
        var (threads, reason) = TorchSession.ChooseThreads(setting);

        Assert.Equal(1, threads);
        Assert.Contains(Settings.Threads, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("16", 16)]
    public void AWholeNumberThreadSettingIsUsed(string setting, int expected)
    {
        var (threads, reason) = TorchSession.ChooseThreads(setting);

        Assert.Equal(expected, threads);
        Assert.Equal($"from {Settings.Threads}", reason);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void AThreadSettingThatIsNotAWholeNumberOfAtLeastOneIsRejected(string setting)
    {
        var exception = Assert.Throws<ArgumentException>(() => TorchSession.ChooseThreads(setting));

        Assert.Contains(Settings.Threads, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{setting}'", exception.Message, StringComparison.Ordinal);
    }
}
