using GanKit.Data;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Data;

/// <summary>Moving-digit clips: reproducible from a seed, digits inside the frame, velocities reflected at the walls.</summary>
public sealed class MovingDigitsTests
{
    public MovingDigitsTests() => TorchSession.Start();

    [Fact]
    public void A_clip_depends_only_on_its_seed()
    {
        var clips = new MovingDigits(SourceDigits());

        using var first = clips.Clips(count: 3, frames: 6, seed: 10);
        using var again = clips.Clips(count: 3, frames: 6, seed: 10);
        using var shifted = clips.Clips(count: 2, frames: 6, seed: 11);   // its clips are the seeds 11 and 12
        using var other = clips.Clips(count: 1, frames: 6, seed: 99);

        Assert.Equal([3L, 6L, 1L, 48L, 48L], first.shape);
        Assert.True(first.equal(again).all().item<bool>());
        Assert.True(first.narrow(0, 1, 2).equal(shifted).all().item<bool>(), "Clip i of a batch is the clip of seed + i.");
        Assert.False(first.narrow(0, 0, 1).equal(other).all().item<bool>());
    }

    [Fact]
    public void Every_digit_stays_inside_the_frame_and_the_frames_hold_exactly_its_pixels()
    {
        using var digits = SourceDigits();
        var clips = new MovingDigits(digits, frameSize: 40, digitsPerClip: 1, minimumSpeed: 2, maximumSpeed: 5);

        for (var seed = 0; seed < 20; seed++)
        {
            var motion = Assert.Single(clips.Motions(frames: 30, seed));
            Assert.All(motion.Positions, position => Assert.True(position.X >= 0 && position.X <= clips.Room && position.Y >= 0 && position.Y <= clips.Room, $"seed {seed}: position {position} outside [0, {clips.Room}]."));
            using var clip = clips.Clips(1, 30, seed);
            using var frameSums = clip.sum([2, 3, 4]);                // one digit, never cut: every frame holds all of its ink
            var ink = digits[motion.Digit].sum().item<float>();
            Assert.True(frameSums.sub(ink).abs().max().item<float>() < 1e-3, $"seed {seed}: a frame lost part of the digit.");
        }
    }

    [Fact]
    public void A_velocity_component_turns_round_at_a_wall_and_keeps_its_size()
    {
        var clips = new MovingDigits(SourceDigits(), frameSize: 36, digitsPerClip: 1, minimumSpeed: 3, maximumSpeed: 6);
        var bounces = 0;
        for (var seed = 0; seed < 10; seed++)
        {
            var motion = clips.Motions(frames: 40, seed)[0];
            for (var frame = 0; frame + 1 < 40; frame++)
            {
                var (now, next) = (motion.Positions[frame], motion.Positions[frame + 1]);
                var (velocity, nextVelocity) = (motion.Velocities[frame], motion.Velocities[frame + 1]);
                foreach (var (position, following, speed, followingSpeed) in new[] { (now.X, next.X, velocity.X, nextVelocity.X), (now.Y, next.Y, velocity.Y, nextVelocity.Y) })
                {
                    Assert.Equal(Math.Abs(speed), Math.Abs(followingSpeed), 12);
                    var free = position + speed;
                    if (free < 0 || free > clips.Room)
                    {
                        bounces++;
                        Assert.Equal(-speed, followingSpeed, 12);
                        Assert.Equal(free < 0 ? -free : (2 * clips.Room) - free, following, 9);   // mirrored at the wall
                    }
                    else
                    {
                        Assert.Equal(speed, followingSpeed, 12);
                        Assert.Equal(free, following, 9);
                    }
                }
            }
        }

        Assert.True(bounces > 10, $"Only {bounces} bounces in 10 clips of 40 frames: the test saw too few walls.");
    }

    [Fact]
    public void Overlapping_digits_keep_the_brighter_pixel()
    {
        var clips = new MovingDigits(SourceDigits(), frameSize: 30, digitsPerClip: 2, minimumSpeed: 0.5, maximumSpeed: 1);
        using var clip = clips.Clips(1, 1, seed: 3);
        Assert.True(clip.max().item<float>() <= 1f, "Overlaps must not add up past 1.");
    }

    [Fact]
    public void Settings_that_cannot_work_are_rejected_with_what_is_allowed()
    {
        using var digits = SourceDigits();
        Assert.Contains("at least 30", Assert.Throws<ArgumentException>(() => new MovingDigits(digits, frameSize: 28)).Message);
        Assert.Contains("maximumSpeed", Assert.Throws<ArgumentException>(() => new MovingDigits(digits, frameSize: 40, maximumSpeed: 12)).Message);
        Assert.Contains("(N, 1, 28, 28)", Assert.Throws<ArgumentException>(() => new MovingDigits(zeros(2, 28, 28))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovingDigits(digits, digitsPerClip: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MovingDigits(digits).Clips(1, 0, seed: 1));
    }

    // Five 28×28 "digits": filled squares of different sizes and brightness, so each has its own ink.
    private static Tensor SourceDigits()
    {
        var digits = zeros(5, 1, 28, 28);
        for (var index = 0; index < 5; index++)
        {
            digits[index, 0, TensorIndex.Slice(4, 10 + (3 * index)), TensorIndex.Slice(6, 12 + (2 * index))] = tensor(0.2f + (0.15f * index));
        }

        return digits;
    }
}
