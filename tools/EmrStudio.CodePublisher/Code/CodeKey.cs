using System.Security.Cryptography;

namespace EmrStudio.CodePublisher.Code;

/// <summary>
/// Where the handler's release zip lives in a code bucket: <c>emrstudio-session-mapping-handler/&lt;sha256 of bootstrap&gt;.zip</c>.
/// The key names the executable's content, so every build with a changed handler gets a new key, and a template that
/// names the new key makes CloudFormation replace the function's code; an unchanged handler keeps its key and changes
/// nothing. This file depends on the base library alone so that every side that names the object (the publisher, the
/// StackSet construct) can compile it in and compute the same key.
/// </summary>
internal static class CodeKey
{
    /// <summary>The folder of the code objects; the bucket policy lets the organization read this folder only.</summary>
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

    /// <summary>The key for the bootstrap whose bytes <paramref name="bootstrap"/> yields (read to its end).</summary>
    public static string ForBootstrap(Stream bootstrap) =>
        ForBootstrapSha256(Convert.ToHexStringLower(SHA256.HashData(bootstrap)));

    /// <summary>The key for the bootstrap at <paramref name="bootstrapPath"/>, for example <c>artifacts/handler/bootstrap</c>.</summary>
    public static string ForBootstrapFile(string bootstrapPath)
    {
        using var bootstrap = File.OpenRead(bootstrapPath);
        return ForBootstrap(bootstrap);
    }
}
