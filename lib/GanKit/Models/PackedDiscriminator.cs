using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// PacGAN's packing (Lin et al. 2018): the discriminator judges <see cref="Pack"/> samples at once, all real or all
/// generated, concatenated into one input. A generator that puts many samples on one mode makes packs that look alike,
/// which a single-sample discriminator cannot see and a packed one can, so collapse is penalised. The inner network
/// takes pack × (values per sample) inputs. Introduced in chapter 04.
/// <code>
/// var discriminator = new PackedDiscriminator(new MlpDiscriminator(inputSize: 2 * 2, hidden: [128, 128, 128]), pack: 2);
/// </code>
/// </summary>
public sealed class PackedDiscriminator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> inner;

    /// <summary>Wraps <paramref name="inner"/>, which scores packs of <paramref name="pack"/> flattened samples.</summary>
    public PackedDiscriminator(Module<Tensor, Tensor> inner, int pack)
        : base(nameof(PackedDiscriminator))
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(pack, 1);
        this.inner = inner;
        Pack = pack;
        RegisterComponents();
    }

    /// <summary>How many samples the inner network judges together.</summary>
    public int Pack { get; }

    /// <summary>x: (batch, …) with batch a multiple of <see cref="Pack"/> → scores (batch / pack, 1), one per pack of consecutive samples.</summary>
    /// <exception cref="ArgumentException">The batch is not a multiple of the pack size.</exception>
    public override Tensor forward(Tensor samples)
    {
        var batch = samples.shape[0];
        if (batch == 0 || batch % Pack != 0)
        {
            throw new ArgumentException($"A packed discriminator needs a batch that is a non-zero multiple of its pack size {Pack}, not {batch}: choose a batch size divisible by {Pack}.", nameof(samples));
        }

        return inner.call(samples.flatten(1).reshape(batch / Pack, -1));
    }
}
