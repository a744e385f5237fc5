using System.Security.Cryptography;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Where the handler's release zip lives in a code bucket: <c>emrstudio-session-mapping-handler/&lt;sha256 of
/// bootstrap&gt;.zip</c>, the key the code publisher uploads to and prints. It names the executable's content, so a
/// changed handler gets a new key (and the StackSet's template changes with it), and an unchanged one changes nothing.
/// </summary>
internal static class CodeKey
{
    /// <summary>The folder of the code objects in each code bucket.</summary>
    public const string Folder = "emrstudio-session-mapping-handler";

    /// <summary>The key for a bootstrap whose SHA-256 is <paramref name="bootstrapSha256Hex"/> (64 hex digits, any case).</summary>
    public static string ForBootstrapSha256(string bootstrapSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(bootstrapSha256Hex);
        if (bootstrapSha256Hex.Length != 64 || !bootstrapSha256Hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{bootstrapSha256Hex}' is not a SHA-256 in hex (64 hex digits).", nameof(bootstrapSha256Hex));
        }

        return $"{Folder}/{bootstrapSha256Hex.ToLowerInvariant()}.zip";
    }

    /// <summary>The key for the bootstrap at <paramref name="bootstrapPath"/>, for example <c>artifacts/handler/bootstrap</c>.</summary>
    public static string ForBootstrapFile(string bootstrapPath)
    {
        using var bootstrap = File.OpenRead(bootstrapPath);
        return ForBootstrapSha256(Convert.ToHexStringLower(SHA256.HashData(bootstrap)));
    }
}
