using GanKit.Training;

namespace Digits;

/// <summary>A <see cref="DigitGanModel"/>'s command-line name, recipe and full training length.</summary>
internal static class GanModels
{
    /// <summary>What <c>--model</c> takes and the default output folder is called: dcgan or mlp.</summary>
    public static string Name(this DigitGanModel model) => model.ToString().ToLowerInvariant();

    /// <summary>The settings chapter 05 trains <paramref name="model"/> with.</summary>
    public static DigitGanRecipe Recipe(this DigitGanModel model) => DigitGan.Recipe(model);

    /// <summary>How many steps chapter 05 trains <paramref name="model"/> for at full size.</summary>
    public static int Steps(this DigitGanModel model) => model == DigitGanModel.Mlp ? DigitGan.MlpSteps : DigitGan.DcganSteps;

    /// <summary>Reads a <c>--model</c> value by name (any case; numbers are not names).</summary>
    public static bool TryParse(string text, out DigitGanModel model)
    {
        model = Enum.GetValues<DigitGanModel>().FirstOrDefault(candidate => string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase), (DigitGanModel)(-1));
        return Enum.IsDefined(model);
    }
}
