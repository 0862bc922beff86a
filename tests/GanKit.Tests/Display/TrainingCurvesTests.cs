using System.Text.Json;
using GanKit.Display;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Display;

public sealed class TrainingCurvesTests
{
    private static readonly GameRecord[] Records = [new(10, 1.2, 0.8, 0.7, 0.3), new(20, 1.3, 0.75, 0.6, 0.45)];

    [Fact]
    public void The_chart_draws_both_losses_solid_and_both_verdicts_dotted_on_a_zero_to_one_second_axis()
    {
        using var figure = JsonDocument.Parse(TrainingCurves.Of("A run", Records, onReal: "D(x, y) on real").ToJson());
        var data = figure.RootElement.GetProperty("data");

        Assert.Equal(["D loss", "G loss", "D(x, y) on real", "D(G(z)) on generated"], data.EnumerateArray().Select(trace => trace.GetProperty("name").GetString()));
        Assert.Equal(["solid", "solid", "dot", "dot"], data.EnumerateArray().Select(trace => trace.GetProperty("line").GetProperty("dash").GetString()));
        Assert.Equal([10.0, 20.0], data[2].GetProperty("x").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal([1.2, 1.3], data[0].GetProperty("y").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal([0.8, 0.75], data[1].GetProperty("y").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal([0.3, 0.45], data[3].GetProperty("y").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal("y2", data[2].GetProperty("yaxis").GetString());
        var verdictAxis = figure.RootElement.GetProperty("layout").GetProperty("yaxis2");
        Assert.Equal([0.0, 1.0], verdictAxis.GetProperty("range").EnumerateArray().Select(value => value.GetDouble()));
    }

    [Fact]
    public void A_trainer_step_becomes_a_record_of_its_losses_and_verdicts()
    {
        var step = new GanStepResult(7, new DiscriminatorStepResult(1.1, 0.8, 0.2), new GeneratorStepResult(0.9, 0.25, 3.5));
        var conditional = new ConditionalGanStepResult(8, new DiscriminatorStepResult(1.0, 0.6, 0.4), new ConditionalGeneratorStepResult(0.7, 0.05, 0.35));

        Assert.Equal(new GameRecord(7, 1.1, 0.9, 0.8, 0.2), GameRecord.Of(step));
        Assert.Equal(new GameRecord(8, 1.0, 0.7, 0.6, 0.4), GameRecord.Of(conditional));
    }

    [Fact]
    public void A_step_without_a_discriminator_has_no_game_to_record() =>
        Assert.Contains("no discriminator", Assert.Throws<ArgumentException>(() => GameRecord.Of(new ConditionalGanStepResult(1, null, new ConditionalGeneratorStepResult(double.NaN, 0.1, double.NaN)))).Message, StringComparison.Ordinal);
}
