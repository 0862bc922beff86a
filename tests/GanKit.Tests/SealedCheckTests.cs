using System.Text;
using Xunit;

namespace GanKit.Tests;

public sealed class SealedCheckTests
{
    private const string Code = "Exercise.Check(\"1\", answer1, expected: Math.Log(0.9) + Math.Log(0.6), tolerance: 1e-3, hint: \"Σ log\");";

    [Fact]
    public void Sealed_code_opens_to_the_same_code_including_non_ascii_text() =>
        Assert.Equal(Code, SealedCheck.Open(SealedCheck.Seal(Code)));

    [Fact]
    public void Sealed_code_shows_neither_the_code_nor_its_numbers()
    {
        var sealedCode = SealedCheck.Seal(Code);

        Assert.StartsWith(SealedCheck.Prefix, sealedCode, StringComparison.Ordinal);
        foreach (var piece in new[] { "Exercise", "Math.Log", "0.9", "0.6", "answer1", "hint" })
        {
            Assert.DoesNotContain(piece, sealedCode, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Math.Log", Encoding.UTF8.GetString(Convert.FromBase64String(sealedCode[SealedCheck.Prefix.Length..])), StringComparison.Ordinal);
    }

    [Fact]
    public void Sealing_is_deterministic_so_student_copies_can_be_compared() =>
        Assert.Equal(SealedCheck.Seal(Code), SealedCheck.Seal(Code));

    [Fact]
    public void Different_code_gives_different_seals() =>
        Assert.NotEqual(SealedCheck.Seal(Code), SealedCheck.Seal(Code + " "));

    [Fact]
    public void A_changed_character_is_refused_not_run()
    {
        var sealedCode = SealedCheck.Seal(Code).ToCharArray();
        var last = sealedCode.Length - 3;
        sealedCode[last] = sealedCode[last] == 'A' ? 'B' : 'A';

        var error = Assert.Throws<FormatException>(() => SealedCheck.Open(new string(sealedCode)));
        Assert.Contains("edited after sealing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Exercise.Check(\"1\", answer1, expected: 2, tolerance: 0, hint: \"\");", "does not start with")]
    [InlineData("gankit-sealed/1:not base64!", "not base64")]
    [InlineData("gankit-sealed/1:AAAA", "too short")]
    public void Text_that_is_not_a_sealed_check_is_refused(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SealedCheck.Open(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
