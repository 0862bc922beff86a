using GanKit.Models;

namespace Digits;

/// <summary>The digit GANs <c>--model</c> chooses between.</summary>
internal enum GanModel
{
    /// <summary>Chapter 05's DCGAN; the default (zero: what --model reads as when it is not given).</summary>
    Dcgan = 0,

    /// <summary>The article's fully-connected GAN.</summary>
    Mlp,
}

/// <summary>A <see cref="GanModel"/>'s command-line name and recipe.</summary>
internal static class GanModels
{
    /// <summary>What <c>--model</c> takes and the default output folder is called.</summary>
    public static string Name(this GanModel model) => model == GanModel.Mlp ? "mlp" : "dcgan";

    /// <summary>The settings chapter 05 trains <paramref name="model"/> with: the one place a model becomes a recipe.</summary>
    public static DigitGanRecipe Recipe(this GanModel model) => DigitGan.Recipe(model.Name());

    /// <summary>How many steps chapter 05 trains <paramref name="model"/> for at full size.</summary>
    public static int Steps(this GanModel model) => model == GanModel.Mlp ? DigitGan.MlpSteps : DigitGan.DcganSteps;

    /// <summary>Reads a <c>--model</c> value (any case).</summary>
    public static bool TryParse(string text, out GanModel model)
    {
        foreach (var candidate in Enum.GetValues<GanModel>())
        {
            if (string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                model = candidate;
                return true;
            }
        }

        model = default;
        return false;
    }
}
