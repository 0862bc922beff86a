using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanKit.Data;

namespace Digits;

/// <summary>
/// The learning-rate schedule a <c>train-gan</c> run started with, kept beside its checkpoints
/// (<c>checkpoints/schedule.json</c>), so that resuming it with another schedule is refused: with <c>--decay</c> the
/// rates fall linearly to 0 over the first start's <c>--steps</c>, and a resume with other <c>--steps</c>, or with
/// <c>--decay</c> added or left out, would make them jump.
/// </summary>
internal static class DecaySchedule
{
    public const string FileName = "schedule.json";

    private const string Key = "lr_decay_steps";

    /// <summary>Records a new run's schedule: <paramref name="decaySteps"/>, 0 for constant rates.</summary>
    /// <remarks>Only for a run with no checkpoint yet: a file left by a start that saved none describes nothing.</remarks>
    public static void Record(string checkpointsFolder, int decaySteps) =>
        AtomicFile.WriteAllText(Path.Combine(checkpointsFolder, FileName), new JsonObject { [Key] = decaySteps }.ToJsonString() + "\n");

    /// <summary>Refuses to resume the run in <paramref name="checkpointsFolder"/> with another schedule than it started with.</summary>
    /// <remarks>A run that started before the schedule was recorded has no file, and is resumed as asked.</remarks>
    /// <exception cref="CommandLineException">The schedule differs; the message says which options keep it.</exception>
    /// <exception cref="DataFileException">The file is there but is not a schedule this tool wrote; it is left as it is.</exception>
    public static void RequireSame(string checkpointsFolder, int decaySteps)
    {
        var path = Path.Combine(checkpointsFolder, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var recorded = Read(path);
        if (recorded == decaySteps)
        {
            return;
        }

        throw new CommandLineException(
            $"This run's learning rates {Describe(recorded)} ({path}); a resume with {Options(decaySteps)} would make them jump. Resume it with {Options(recorded)}, or start a new run in another --output.");
    }

    private static int Read(string path)
    {
        JsonNode? schedule;
        try
        {
            schedule = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            throw NotASchedule(path);   // the message says what the file should hold
        }

        return schedule?[Key] is JsonValue value && value.TryGetValue(out int steps) && steps >= 0 ? steps : throw NotASchedule(path);
    }

    private static DataFileException NotASchedule(string path) =>
        new(path, $"{path} is not the schedule train-gan writes ({{\"{Key}\": N}}). Move it out of the checkpoints folder to resume without checking the schedule. The file was not changed.");

    private static string Describe(int decaySteps) =>
        decaySteps > 0 ? string.Create(CultureInfo.InvariantCulture, $"decay to 0 over {decaySteps:N0} steps") : "stay constant";

    private static string Options(int decaySteps) =>
        decaySteps > 0 ? string.Create(CultureInfo.InvariantCulture, $"--decay --steps {decaySteps}") : "no --decay";
}
