using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// Short clips of handwritten digits moving inside a square frame, in the spirit of Moving MNIST (Srivastava et al.
/// 2015): each clip places <see cref="DigitsPerClip"/> digits at random, gives each a velocity of its own, moves them a
/// step per frame and reflects a velocity component whenever a digit would leave the frame; where digits overlap the
/// brighter pixel wins. A clip depends only on its seed, so a learner, a test and a notebook see the same clip.
/// Introduced for chapter 06's next-frame prediction.
/// </summary>
public sealed class MovingDigits
{
    private const int DigitSize = Mnist.ImageSize;
    private readonly float[] pixels;   // the source digits, (count, 28, 28) row-major, in [0, 1]
    private readonly int digitCount;

    /// <summary>Clips made from <paramref name="digits"/> (N, 1, 28, 28) in [0, 1], any device.</summary>
    /// <param name="digits">The digits to move, for example MNIST's test split.</param>
    /// <param name="frameSize">The side of the square frame in pixels, at least 28 (Moving MNIST uses 64).</param>
    /// <param name="digitsPerClip">How many digits move in each clip.</param>
    /// <param name="minimumSpeed">The smallest speed in pixels per frame.</param>
    /// <param name="maximumSpeed">The largest speed in pixels per frame, below the room a digit has to move.</param>
    /// <exception cref="ArgumentException">A setting cannot work; the message names it and what is allowed.</exception>
    public MovingDigits(Tensor digits, int frameSize = 48, int digitsPerClip = 2, double minimumSpeed = 1, double maximumSpeed = 3)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.dim() != 4 || digits.shape[0] < 1 || digits.shape[1] != 1 || digits.shape[2] != DigitSize || digits.shape[3] != DigitSize)
        {
            throw new ArgumentException($"The digits must be (N, 1, 28, 28) with N ≥ 1, not ({string.Join(", ", digits.shape)}).", nameof(digits));
        }

        if (frameSize < DigitSize + 2)
        {
            throw new ArgumentException($"The frame must be at least {DigitSize + 2} pixels wide, so a 28-pixel digit has room to move; {frameSize} is too small.", nameof(frameSize));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(digitsPerClip, 1);
        if (!(minimumSpeed > 0 && minimumSpeed <= maximumSpeed && maximumSpeed < frameSize - DigitSize))
        {
            throw new ArgumentException($"The speeds must satisfy 0 < minimumSpeed ≤ maximumSpeed < {frameSize - DigitSize} (the room a digit has in a {frameSize}-pixel frame), not {minimumSpeed} and {maximumSpeed}.");
        }

        FrameSize = frameSize;
        DigitsPerClip = digitsPerClip;
        MinimumSpeed = minimumSpeed;
        MaximumSpeed = maximumSpeed;
        digitCount = (int)digits.shape[0];
        using var scope = NewDisposeScope();
        pixels = digits.detach().to(float32).to(CPU).contiguous().data<float>().ToArray();
    }

    public int FrameSize { get; }

    public int DigitsPerClip { get; }

    public double MinimumSpeed { get; }

    public double MaximumSpeed { get; }

    /// <summary>The largest top-left coordinate a digit can take: the frame size minus 28.</summary>
    public int Room => FrameSize - DigitSize;

    /// <summary>
    /// <paramref name="count"/> clips of <paramref name="frames"/> frames, (count, frames, 1, size, size) in [0, 1] on
    /// <paramref name="device"/>; clip i is the one <see cref="Motions"/> describes for seed <paramref name="seed"/> + i.
    /// </summary>
    public Tensor Clips(int count, int frames, int seed, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var clipLength = (long)frames * FrameSize * FrameSize;
        var video = new float[count * clipLength];
        for (var clip = 0; clip < count; clip++)
        {
            foreach (var motion in Motions(frames, seed + clip))
            {
                for (var frame = 0; frame < frames; frame++)
                {
                    var (x, y) = motion.Positions[frame];
                    Paste(video, (clip * clipLength) + ((long)frame * FrameSize * FrameSize), motion.Digit, (int)Math.Round(x), (int)Math.Round(y));
                }
            }
        }

        return from_array(video, device: device ?? CPU).reshape(count, frames, 1, FrameSize, FrameSize);
    }

    /// <summary>
    /// The digits of the clip made from <paramref name="seed"/>: which source digit each one is, and its top-left
    /// position and velocity in every frame (x to the right, y down, in pixels).
    /// </summary>
    public IReadOnlyList<DigitMotion> Motions(int frames, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var random = new Random(seed);
        var motions = new List<DigitMotion>(DigitsPerClip);
        for (var index = 0; index < DigitsPerClip; index++)
        {
            var digit = random.Next(digitCount);
            var (x, y) = (random.NextDouble() * Room, random.NextDouble() * Room);
            var angle = random.NextDouble() * 2 * Math.PI;
            var speed = MinimumSpeed + (random.NextDouble() * (MaximumSpeed - MinimumSpeed));
            var (vx, vy) = (speed * Math.Cos(angle), speed * Math.Sin(angle));
            var positions = new (double X, double Y)[frames];
            var velocities = new (double X, double Y)[frames];
            for (var frame = 0; frame < frames; frame++)
            {
                positions[frame] = (x, y);
                velocities[frame] = (vx, vy);
                (x, vx) = Step(x, vx);
                (y, vy) = Step(y, vy);
            }

            motions.Add(new DigitMotion(digit, positions, velocities));
        }

        return motions;
    }

    // One frame's move along one axis: the mirror image of the position past a wall, and the velocity turned round.
    private (double Position, double Velocity) Step(double position, double velocity)
    {
        var next = position + velocity;
        if (next < 0)
        {
            return (-next, -velocity);
        }

        return next > Room ? ((2 * Room) - next, -velocity) : (next, velocity);
    }

    private void Paste(float[] video, long frameStart, int digit, int left, int top)
    {
        var source = (long)digit * DigitSize * DigitSize;
        for (var row = 0; row < DigitSize; row++)
        {
            var target = frameStart + ((long)(top + row) * FrameSize) + left;
            for (var column = 0; column < DigitSize; column++)
            {
                var value = pixels[source + (row * DigitSize) + column];
                if (value > video[target + column])
                {
                    video[target + column] = value;   // overlapping digits: the brighter pixel wins
                }
            }
        }
    }
}

/// <summary>One digit of a <see cref="MovingDigits"/> clip: its index among the source digits, and its top-left position and velocity per frame.</summary>
public sealed record DigitMotion(int Digit, IReadOnlyList<(double X, double Y)> Positions, IReadOnlyList<(double X, double Y)> Velocities);
