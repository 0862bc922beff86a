using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>
/// The thread policy fed with step times (no training): it keeps one thread for tiny models, times the candidates for a
/// model whose steps take long enough, keeps the fastest, measures again when the rate falls, and leaves a fixed count
/// alone. Each test puts libtorch's thread count back.
/// </summary>
public sealed class ThreadPolicyTests : IDisposable
{
    private readonly int threadsBefore;

    public ThreadPolicyTests()
    {
        TorchSession.Start();
        threadsBefore = torch.get_num_threads();
    }

    public void Dispose() => torch.set_num_threads(threadsBefore);

    [Fact]
    public void The_candidates_are_powers_of_two_and_the_maximum()
    {
        Assert.Equal([1, 2, 4, 8, 12], new ThreadPolicy(null, 12).Candidates);
        Assert.Equal([1], new ThreadPolicy(null, 1).Candidates);
    }

    [Fact]
    public void A_model_with_steps_that_gain_from_threads_gets_the_fastest_count()
    {
        var policy = Quiet(new ThreadPolicy(null, 2));
        Feed(policy, "big", 3, 0.2);                 // warm-up: the first step starts the loop, two more are not timed
        Assert.Equal(1, torch.get_num_threads());
        Feed(policy, "big", 3, 0.1);                 // 1 thread: 10 steps/s over 0.3 s
        Assert.Equal(2, torch.get_num_threads());
        Feed(policy, "big", 1, 0.5);                 // the step that starts the new threads is not timed
        Feed(policy, "big", 5, 0.06);                // 2 threads: 16.7 steps/s

        Assert.Equal(2, torch.get_num_threads());
        Assert.Equal("Threads: 2 for big (steps/s at 1 → 10.0, 2 → 16.7)", Assert.Single(policy.Decisions));
    }

    [Fact]
    public void More_threads_that_gain_less_than_five_percent_are_not_taken()
    {
        var policy = Quiet(new ThreadPolicy(null, 2));
        Feed(policy, "big", 3, 0.2);
        Feed(policy, "big", 3, 0.1);
        Feed(policy, "big", 1, 0.5);
        Feed(policy, "big", 5, 0.098);               // 10.2 steps/s: 2 % faster

        Assert.Equal(1, torch.get_num_threads());
        Assert.StartsWith("Threads: 1 for big", Assert.Single(policy.Decisions), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiny_model_stays_on_one_thread_without_timing_more()
    {
        var policy = Quiet(new ThreadPolicy(null, 8));
        Feed(policy, "tiny", 200, 0.001);

        Assert.Equal(1, torch.get_num_threads());
        Assert.Empty(policy.Decisions);
    }

    [Fact]
    public void A_sharp_fall_in_the_step_rate_starts_a_new_calibration()
    {
        var policy = Quiet(new ThreadPolicy(null, 2));
        Feed(policy, "big", 3, 0.2);
        Feed(policy, "big", 3, 0.1);
        Feed(policy, "big", 1, 0.5);
        Feed(policy, "big", 5, 0.06);                // chose 2 threads at 16.7 steps/s
        Feed(policy, "big", 20, 0.2);                // another program took a core: 5 steps/s

        Assert.Equal(1, torch.get_num_threads());    // measuring again, from one thread
        Feed(policy, "big", 2, 0.1);                 // not timed after the switch
        Feed(policy, "big", 3, 0.1);                 // 1 thread: 10 steps/s
        Feed(policy, "big", 1, 0.5);
        Feed(policy, "big", 5, 0.2);                 // 2 threads: 5 steps/s

        Assert.Equal(1, torch.get_num_threads());
        Assert.Equal(2, policy.Decisions.Count);
        Assert.StartsWith("Threads: 1 for big (the rate fell from 16.7 to 5.0 steps/s; steps/s at 1 → 10.0, 2 → 5.0)", policy.Decisions[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_that_keep_the_count_come_twice_as_far_apart_up_to_eight_minutes_and_a_change_starts_again_at_one()
    {
        var clock = new ManualClock();
        var policy = Quiet(new ThreadPolicy(null, 2, clock));
        var busyCore = false;
        double StepSeconds() => (torch.get_num_threads(), busyCore) switch
        {
            (1, _) => 0.1,         // 10 steps/s on one thread, busy core or not
            (_, false) => 0.06,    // 16.7 on two while the machine is idle
            _ => 0.2,              // 5 on two when another program has a core
        };
        var checksStartedAt = new List<double>();
        void Run(double minutes)
        {
            var end = clock.Seconds + 60 * minutes;
            while (clock.Seconds < end)
            {
                var before = torch.get_num_threads();
                var seconds = StepSeconds();
                clock.Seconds += seconds;
                policy.StepDone("big", seconds);
                if (before == 2 && torch.get_num_threads() == 1)
                {
                    checksStartedAt.Add(clock.Seconds);
                }
            }
        }

        Run(16);
        Assert.Single(policy.Decisions);                                   // 2 threads, chosen once and confirmed quietly
        Assert.Equal([1, 3, 7, 15], checksStartedAt.Select(seconds => (int)(seconds / 60)));
        Assert.Equal(TimeSpan.FromMinutes(8), policy.RecheckInterval);     // no longer than 8 minutes

        busyCore = true;
        Run(0.2);                                                          // the rate falls: measured again, 1 thread
        Assert.Equal(2, policy.Decisions.Count);
        Assert.Equal(1, torch.get_num_threads());
        Assert.Equal(TimeSpan.FromMinutes(1), policy.RecheckInterval);    // a changed count is checked after a minute again
    }

    [Fact]
    public void Loops_that_train_side_by_side_on_their_own_threads_each_run_on_one()
    {
        var policy = Quiet(new ThreadPolicy(null, 2));
        var countsSeen = new System.Collections.Concurrent.ConcurrentBag<int>();
        void Train()
        {
            for (var step = 0; step < 40; step++)
            {
                policy.StepDone("big", 0.1);
                countsSeen.Add(torch.get_num_threads());
                Thread.Sleep(5);
            }
        }

        var first = new Thread(Train);
        var second = new Thread(Train);
        first.Start();
        second.Start();
        first.Join();
        second.Join();

        Assert.Empty(policy.Decisions);                 // nothing calibrated while the two ran together
        Assert.All(countsSeen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_fixed_count_is_never_changed()
    {
        var policy = Quiet(new ThreadPolicy(3, 8));
        policy.Use(3);
        Feed(policy, "big", 50, 0.1);

        Assert.Equal(3, torch.get_num_threads());
        Assert.Empty(policy.Decisions);
        Assert.Equal("3 intra-op threads (from GANKIT_THREADS)", policy.Describe());
    }

    private static ThreadPolicy Quiet(ThreadPolicy policy)
    {
        policy.Report = _ => { };
        return policy;
    }

    private static void Feed(ThreadPolicy policy, string loop, int steps, double seconds)
    {
        for (var step = 0; step < steps; step++)
        {
            policy.StepDone(loop, seconds);
        }
    }

    /// <summary>A clock the test moves by hand, in seconds.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public double Seconds { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => (long)(Seconds * TimeSpan.TicksPerSecond);
    }
}
