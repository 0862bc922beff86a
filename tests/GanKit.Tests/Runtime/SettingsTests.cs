using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Runtime;

public sealed class SettingsTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData(" TRUE ", true)]
    public void The_smoke_setting_is_read_as_documented(string? setting, bool smoke) =>
        Assert.Equal(smoke, Settings.ParseSmoke(setting));

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    public void An_unknown_smoke_setting_is_an_error_naming_the_variable(string setting)
    {
        var exception = Assert.Throws<ArgumentException>(() => Settings.ParseSmoke(setting));

        Assert.Contains("GANKIT_SMOKE", exception.Message, StringComparison.Ordinal);
        Assert.Contains(setting, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    [InlineData("1", 1)]
    [InlineData(" 4 ", 4)]
    public void The_thread_setting_is_a_whole_number_or_unset(string? setting, int? threads) =>
        Assert.Equal(threads, Settings.ParseThreads(setting));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void A_thread_setting_that_cannot_work_is_an_error_naming_the_variable(string setting)
    {
        var exception = Assert.Throws<ArgumentException>(() => Settings.ParseThreads(setting));

        Assert.Contains("GANKIT_THREADS", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{setting}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_choice_lists_every_allowed_word_and_the_default()
    {
        var exception = Assert.Throws<ArgumentException>(() => Settings.Choice("GANKIT_MALLOC", "of", "on", ("on", true), ("off", false)));

        Assert.Equal("GANKIT_MALLOC must be on or off, but it is 'of'. Unset it for the default (on).", exception.Message);
        Assert.False(Settings.Choice("GANKIT_MALLOC", "OFF", "on", ("on", true), ("off", false)));
        Assert.True(Settings.Choice("GANKIT_MALLOC", null, "on", ("on", true), ("off", false)));
    }
}
