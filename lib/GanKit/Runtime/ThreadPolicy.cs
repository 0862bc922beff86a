using System.Globalization;
using TorchSharp;

namespace GanKit.Runtime;

/// <summary>
/// How many intra-op threads libtorch uses, chosen by measuring. A training loop reports each step's wall time
/// (<see cref="StepDone"/>); for a model whose steps are long enough to gain from threads, the policy times a few real
/// steps at 1, 2, 4, … threads (up to the cores this process may use), keeps the fastest, and measures again when the
/// step rate falls sharply (another program took a core) or a while has passed (it may have given it back: after a
/// minute, then twice as long after each check that keeps the count, up to 8 minutes, since every check spends a few
/// steps on counts that lose when the machine stays as it was). Tiny models
/// stay on one thread: they gain nothing from more, and lose much when a core is busy. <c>GANKIT_THREADS=N</c> fixes
/// the count instead. Should loops train side by side on threads of their own, they already use the cores: while steps
/// arrive from more than one thread, every loop runs on one. (GanKit's own seed sweeps run one after another: see
/// <c>SeedSweep.Run</c>.) Only the count changes, so training itself is
/// untouched; the last bits of a result can differ between thread counts.
/// </summary>
public sealed class ThreadPolicy
{
    /// <summary>Steps faster than this on one thread are not worth more threads.</summary>
    public static readonly TimeSpan ShortestTunedStep = TimeSpan.FromMilliseconds(8);

    private const int WarmUpSteps = 3;          // the first steps of a loop allocate; they are not timed
    private const double SlowdownFactor = 0.6;  // a rate below 60 % of the calibrated one starts a new calibration
    private const int WatchWindow = 20;         // steps the rate is averaged over while watching
    private const double MoreThreadsMustGain = 1.05;
    private static readonly TimeSpan CalibrationTime = TimeSpan.FromSeconds(0.25);   // per candidate, at least 3 steps
    private static readonly TimeSpan FirstRecheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestRecheck = TimeSpan.FromMinutes(8);
    private const string RecheckReason = "checked again after a while";
    private static readonly TimeSpan SideBySide = TimeSpan.FromSeconds(2);   // steps from two threads this close: parallel loops

    private readonly Lock gate = new();
    private readonly Dictionary<string, int> chosen = new(StringComparer.Ordinal);
    private readonly HashSet<string> tinyLoops = new(StringComparer.Ordinal);
    private string? loop;
    private int desired;
    private int stepsSeen;
    private Calibration? calibration;
    private double calibratedRate;
    private readonly Queue<double> recent = new();
    private readonly TimeProvider time;
    private long calibratedAt;
    private readonly Dictionary<int, long> lastStepOfThread = [];

    internal ThreadPolicy(int? fixedThreads, int maximumThreads, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        MaximumThreads = Math.Max(1, maximumThreads);
        FixedThreads = fixedThreads;
        Candidates = [.. CandidateCounts(MaximumThreads)];
    }

    /// <summary>The policy of this process, set by <see cref="TorchSession.Start"/>; null before it.</summary>
    public static ThreadPolicy? Current { get; internal set; }

    /// <summary>The thread count <c>GANKIT_THREADS</c> (or <see cref="Use"/>) fixed, or null when the policy measures.</summary>
    public int? FixedThreads { get; private set; }

    /// <summary>The most threads this process may use (<see cref="Environment.ProcessorCount"/>, which respects CPU limits).</summary>
    public int MaximumThreads { get; }

    /// <summary>The counts a calibration tries: 1, 2, 4, … and the maximum.</summary>
    public IReadOnlyList<int> Candidates { get; }

    /// <summary>How long the policy waits before it times the counts again while the rate holds.</summary>
    public TimeSpan RecheckInterval { get; private set; } = FirstRecheck;

    /// <summary>libtorch's intra-op thread count now.</summary>
    public static int Threads => torch.get_num_threads();

    /// <summary>Where the policy says what it chose (one line per decision); the console unless a progress display takes it.</summary>
    public Action<string> Report { get; set; } = Console.WriteLine;

    /// <summary>Every decision so far, oldest first, as reported.</summary>
    public IReadOnlyList<string> Decisions => decisions;

    private readonly List<string> decisions = [];

    /// <summary>One line for the start-up report: what the policy does.</summary>
    public string Describe() => FixedThreads is { } fixedCount
        ? $"{fixedCount} intra-op thread{(fixedCount == 1 ? "" : "s")} (from {Settings.Threads})"
        : MaximumThreads == 1
            ? "1 intra-op thread (1 core available)"
            : $"1 intra-op thread to start; training loops time 1–{MaximumThreads} threads on their first steps and keep the fastest (set {Settings.Threads} to fix it)";

    /// <summary>Fixes the count at <paramref name="threads"/>, or (null) hands it back to the measuring policy, which starts from 1.</summary>
    public void Use(int? threads)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "A thread count is at least 1.");
        }

        lock (gate)
        {
            FixedThreads = threads;
            SetThreads(threads ?? 1);
            chosen.Clear();
            tinyLoops.Clear();
            loop = null;
            calibration = null;
        }
    }

    /// <summary>
    /// Reports that a step of the training loop named <paramref name="loopName"/> (the model and batch size: steps of one
    /// loop take about the same time) took <paramref name="seconds"/>; may change the thread count for the next step.
    /// </summary>
    public void StepDone(string loopName, double seconds)
    {
        ArgumentNullException.ThrowIfNull(loopName);
        if (FixedThreads is not null || MaximumThreads == 1)
        {
            return;
        }

        lock (gate)
        {
            if (InParallel())
            {
                return;
            }

            if (desired > 0 && torch.get_num_threads() != desired)
            {
                torch.set_num_threads(desired);
            }

            if (loopName != loop)
            {
                StartLoop(loopName);
                return;
            }

            stepsSeen++;
            if (stepsSeen <= WarmUpSteps)
            {
                return;
            }

            if (calibration is not null)
            {
                Calibrate(seconds);
            }
            else
            {
                Watch(seconds);
            }
        }
    }

    // Whether loops on more than one thread reported steps lately; if so, this thread runs on one, and the loop measured
    // before starts afresh when it is alone again.
    private bool InParallel()
    {
        var now = time.GetTimestamp();
        lastStepOfThread[Environment.CurrentManagedThreadId] = now;
        foreach (var (thread, last) in lastStepOfThread.ToList())
        {
            if (time.GetElapsedTime(last, now) > SideBySide)
            {
                lastStepOfThread.Remove(thread);
            }
        }

        if (lastStepOfThread.Count < 2)
        {
            return false;
        }

        if (torch.get_num_threads() != 1)
        {
            torch.set_num_threads(1);
        }

        desired = 1;
        loop = null;
        calibration = null;
        return true;
    }

    // libtorch keeps the count per OS thread once a thread has run a parallel operation, and a notebook's cells may run
    // on different threads: the count is set on the thread that trains, and checked again after every step.
    private void SetThreads(int threads)
    {
        desired = threads;
        torch.set_num_threads(threads);
    }

    private void StartLoop(string loopName)
    {
        loop = loopName;
        stepsSeen = 1;
        recent.Clear();
        calibration = null;
        RecheckInterval = FirstRecheck;
        if (chosen.TryGetValue(loopName, out var threads))
        {
            SetThreads(threads);   // measured before in this process; watched from here
            calibratedRate = 0;
            calibratedAt = time.GetTimestamp();
        }
        else
        {
            SetThreads(1);
            calibration = new Calibration(Candidates, reason: null);
        }
    }

    private void Calibrate(double seconds)
    {
        var current = calibration!;
        if (current.Candidate == 1 && current.Timed == 0 && current.Rates.Count == 0 && seconds < ShortestTunedStep.TotalSeconds)
        {
            calibration = null;   // a tiny model: one thread, for good
            chosen[loop!] = 1;
            tinyLoops.Add(loop!);
            return;
        }

        if (!current.Record(seconds))
        {
            return;
        }

        if (current.NextCandidate() is { } next)
        {
            SetThreads(next);
            return;
        }

        var best = current.Best(MoreThreadsMustGain);
        var unchanged = current.Reason == RecheckReason && chosen.GetValueOrDefault(loop!) == best;
        SetThreads(best);
        chosen[loop!] = best;
        calibratedRate = current.Rates[best];
        calibration = null;
        recent.Clear();
        calibratedAt = time.GetTimestamp();
        RecheckInterval = unchanged ? TimeSpan.FromTicks(Math.Min(2 * RecheckInterval.Ticks, LongestRecheck.Ticks)) : FirstRecheck;
        if (unchanged)
        {
            return;   // the check found the same count: nothing to say
        }

        var rates = string.Join(", ", current.Rates.Select(rate => string.Create(CultureInfo.InvariantCulture, $"{rate.Key} → {rate.Value:F1}")));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Threads: {best} for {loop} ({(current.Reason is null ? "" : $"{current.Reason}; ")}steps/s at {rates})");
        decisions.Add(line);
        Report(line);
    }

    private void Watch(double seconds)
    {
        if (tinyLoops.Contains(loop!))
        {
            return;
        }

        recent.Enqueue(seconds);
        if (recent.Count > WatchWindow)
        {
            recent.Dequeue();
        }

        if (recent.Count < WatchWindow)
        {
            return;
        }

        var rate = recent.Count / recent.Sum();
        if (calibratedRate == 0)
        {
            calibratedRate = rate;   // a loop resumed with a remembered choice: its first window is the reference
        }

        if (rate < SlowdownFactor * calibratedRate)
        {
            Recalibrate(string.Create(CultureInfo.InvariantCulture, $"the rate fell from {calibratedRate:F1} to {rate:F1} steps/s"));
        }
        else if (time.GetElapsedTime(calibratedAt) > RecheckInterval)
        {
            Recalibrate(RecheckReason);   // the machine may have freed a core
        }
    }

    private void Recalibrate(string? reason)
    {
        SetThreads(1);
        calibration = new Calibration(Candidates, reason);
        stepsSeen = 1;   // one step at the new count is not timed
    }

    private static IEnumerable<int> CandidateCounts(int maximum)
    {
        for (var count = 1; count < maximum; count *= 2)
        {
            yield return count;
        }

        yield return maximum;
    }

    /// <summary>One calibration in progress: the candidate being timed and the rates measured so far.</summary>
    private sealed class Calibration(IReadOnlyList<int> candidates, string? reason)
    {
        private int index;
        private double timedSeconds;
        private bool skippedSwitchStep;

        public string? Reason { get; } = reason;

        public int Candidate => candidates[index];

        public int Timed { get; private set; }

        public SortedDictionary<int, double> Rates { get; } = [];

        /// <summary>Adds a step at the current candidate; true when the candidate has been timed long enough.</summary>
        public bool Record(double seconds)
        {
            if (index > 0 && !skippedSwitchStep)
            {
                skippedSwitchStep = true;   // the first step after a switch starts the new threads
                return false;
            }

            Timed++;
            timedSeconds += seconds;
            if (Timed < 3 || timedSeconds < CalibrationTime.TotalSeconds)
            {
                return false;
            }

            Rates[Candidate] = Timed / timedSeconds;
            return true;
        }

        /// <summary>The next count to time, or null when done (all timed, or more threads stopped helping).</summary>
        public int? NextCandidate()
        {
            var last = Rates[Candidate];
            if (Rates.Count >= 2 && last < Rates.Values.Max() / MoreThreadsMustGain)
            {
                return null;   // slower than a smaller count: larger ones will not help either
            }

            if (++index >= candidates.Count)
            {
                return null;
            }

            Timed = 0;
            timedSeconds = 0;
            skippedSwitchStep = false;
            return Candidate;
        }

        /// <summary>The fastest count, preferring fewer threads unless more are at least <paramref name="mustGain"/> times as fast.</summary>
        public int Best(double mustGain)
        {
            var best = Rates.First();
            foreach (var rate in Rates.Skip(1))
            {
                if (rate.Value >= best.Value * mustGain)
                {
                    best = rate;
                }
            }

            return best.Key;
        }
    }
}
