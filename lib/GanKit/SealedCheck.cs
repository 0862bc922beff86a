using System.Security.Cryptography;
using System.Text;

namespace GanKit;

/// <summary>
/// The check cell of an exercise in a student copy, sealed: its code encrypted so that the expected answer (and the
/// reference computation that finds it) cannot be read off the notebook, while the learner still gets the verdict by
/// running the cell (<c>Exercise.CheckSealed</c>). The key is fixed and public — this hides an answer from
/// a glance, not from someone who decrypts it with GanKit's source; <c>tools/Homework</c> writes sealed copies.
/// <para>Format: <c>gankit-sealed/1:</c> then base64 of nonce (12 bytes), tag (16 bytes) and the AES-GCM ciphertext
/// of the UTF-8 code. The nonce is derived from the code, so sealing the same code twice gives the same text.</para>
/// </summary>
public static class SealedCheck
{
    /// <summary>What every sealed check starts with.</summary>
    public const string Prefix = "gankit-sealed/1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly byte[] Key = SHA256.HashData(Encoding.UTF8.GetBytes("GAN from zero · sealed exercise checks · version 1"));

    /// <summary>Seals C# <paramref name="code"/>.</summary>
    public static string Seal(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var plain = Encoding.UTF8.GetBytes(code);
        var nonce = SHA256.HashData(plain)[..NonceSize];
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        nonce.CopyTo(sealedBytes, 0);
        using (var aes = new AesGcm(Key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        }

        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The code sealed in <paramref name="sealedCode"/>.</summary>
    /// <exception cref="FormatException">The text is not a sealed check, or it was changed after sealing.</exception>
    public static string Open(string sealedCode)
    {
        ArgumentNullException.ThrowIfNull(sealedCode);
        if (!sealedCode.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"This is not a sealed check: it does not start with '{Prefix}'.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedCode[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new FormatException("The sealed check is damaged (not base64): the cell was edited after sealing.");
        }

        if (bytes.Length < NonceSize + TagSize)
        {
            throw new FormatException("The sealed check is damaged (too short): the cell was edited after sealing.");
        }

        var plain = new byte[bytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(Key, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new FormatException("The sealed check is damaged (it fails its integrity check): the cell was edited after sealing.");
        }

        return Encoding.UTF8.GetString(plain);
    }
}
