using Xunit;

namespace GanKit.Tests;

public sealed class CourseSizeTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData(" TRUE ", true)]
    public void The_smoke_setting_is_read_as_documented(string? setting, bool smoke) =>
        Assert.Equal(smoke, CourseSize.Parse(setting));

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    public void An_unknown_smoke_setting_is_an_error_naming_the_variable(string setting)
    {
        var exception = Assert.Throws<ArgumentException>(() => CourseSize.Parse(setting));

        Assert.Contains("GANKIT_SMOKE", exception.Message, StringComparison.Ordinal);
        Assert.Contains(setting, exception.Message, StringComparison.Ordinal);
    }
}
