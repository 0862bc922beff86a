using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// The global structure of one digit that can be counted: its <see cref="Pieces"/> (connected strokes) and its
/// <see cref="Holes"/> (background regions the strokes enclose). An 8 has one piece and two holes, a 0 or a 6 one
/// hole, a 1 none; a stroke that fades out and restarts makes a second piece. Introduced in chapter 04 (the article's
/// "counting and global structure" at digit scale).
/// </summary>
/// <param name="Pieces">Groups of ink pixels connected through their 8 neighbours (diagonals included).</param>
/// <param name="Holes">Groups of background pixels connected through their 4 neighbours that do not reach the border.</param>
public readonly record struct DigitTopology(int Pieces, int Holes)
{
    /// <summary>
    /// Pieces and holes of each image of <paramref name="images"/> ((n, 1, h, w) or (n, h, w), values in [0, 1]); a pixel
    /// above <paramref name="threshold"/> is ink. Ink connects diagonally and background does not, so a stroke drawn
    /// corner to corner still closes a loop.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not (n, 1, h, w) or (n, h, w), or the threshold is not inside (0, 1).</exception>
    public static DigitTopology[] Measure(Tensor images, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(images);
        var fourDimensional = images.dim() == 4 && images.shape[1] == 1;
        if (!fourDimensional && images.dim() != 3)
        {
            throw new ArgumentException($"The images must be (n, 1, h, w) or (n, h, w), not ({string.Join(", ", images.shape)}).", nameof(images));
        }

        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentException($"The ink threshold must lie strictly between 0 and 1, not {threshold}.", nameof(threshold));
        }

        var (count, height, width) = ((int)images.shape[0], (int)images.shape[^2], (int)images.shape[^1]);
        bool[] ink;
        using (var scope = NewDisposeScope())
        {
            ink = images.detach().gt(threshold).to(CPU).reshape(-1).data<bool>().ToArray();
        }

        var result = new DigitTopology[count];
        for (var image = 0; image < count; image++)
        {
            result[image] = Of(new ReadOnlySpan<bool>(ink, image * height * width, height * width), height, width);
        }

        return result;
    }

    private static readonly (int Row, int Column)[] EightNeighbours = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)];
    private static readonly (int Row, int Column)[] FourNeighbours = [(-1, 0), (1, 0), (0, -1), (0, 1)];

    private static DigitTopology Of(ReadOnlySpan<bool> ink, int height, int width)
    {
        var visited = new bool[height * width];
        var stack = new Stack<int>();
        var (pieces, holes) = (0, 0);
        for (var start = 0; start < visited.Length; start++)
        {
            if (visited[start])
            {
                continue;
            }

            // Flood the region of `start`: ink through 8 neighbours, background through 4; note whether it reaches the border.
            var isInk = ink[start];
            var neighbours = isInk ? EightNeighbours : FourNeighbours;
            var touchesBorder = false;
            visited[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var cell = stack.Pop();
                var (row, column) = (cell / width, cell % width);
                touchesBorder |= row == 0 || column == 0 || row == height - 1 || column == width - 1;
                foreach (var (rowStep, columnStep) in neighbours)
                {
                    var (nextRow, nextColumn) = (row + rowStep, column + columnStep);
                    var next = nextRow * width + nextColumn;
                    if (nextRow < 0 || nextColumn < 0 || nextRow >= height || nextColumn >= width || visited[next] || ink[next] != isInk)
                    {
                        continue;
                    }

                    visited[next] = true;
                    stack.Push(next);
                }
            }

            if (isInk)
            {
                pieces++;
            }
            else if (!touchesBorder)
            {
                holes++;
            }
        }

        return new DigitTopology(pieces, holes);
    }
}
