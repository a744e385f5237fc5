using System.Text;
using System.Text.RegularExpressions;

namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// Removes credentials from text before it leaves the process. A pre-signed ResponseURL is a bearer credential, so
/// every URL keeps only scheme, host and path; anything else that looks like a signature, an AWS key or a token is
/// replaced. It errs on the side of hiding: a long random-looking run in an innocent value is redacted too.
/// </summary>
internal static partial class LogRedactor
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SensitiveNameParts = ["secret", "token", "password", "credential", "authorization"];

    private static readonly string[] SensitiveMarkers =
    [
        "X-Amz-Signature=",
        "X-Amz-Credential=",
        "X-Amz-Security-Token=",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "Signature=",
        "Credential=",
    ];

    /// <summary>True when a field's name says its value is a credential, whatever the value looks like.</summary>
    public static bool IsSensitiveName(string name)
    {
        foreach (var part in SensitiveNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Free text (a message, an exception message, a field value) with every credential removed.</summary>
    public static string Redact(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var text = UrlPattern().Replace(value, static match => StripToSchemeHostPath(match.Value));

        // A query string or an Authorization header that arrived without a URL around it: nothing in it is safe.
        foreach (var marker in SensitiveMarkers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return Redacted;
            }
        }

        text = AccessKeyIdPattern().Replace(text, Redacted);
        text = HexSignaturePattern().Replace(text, Redacted);
        return SecretLikeRunPattern().Replace(text, static match => LooksRandom(match.Value) ? Redacted : match.Value);
    }

    /// <summary>scheme://host[:port]/path of a URL: no user info, no query, no fragment.</summary>
    public static string StripToSchemeHostPath(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "[redacted-url]";
        }

        var builder = new StringBuilder(uri.Scheme.Length + uri.Authority.Length + uri.AbsolutePath.Length + 3);
        builder.Append(uri.Scheme).Append("://").Append(uri.IsDefaultPort ? uri.Host : uri.Authority).Append(uri.AbsolutePath);
        return builder.ToString();
    }

    // Random keys switch between upper case, lower case, digits and symbols at about two positions in three;
    // identifiers and paths (es-0123ABC/GROUP/guid, policy/team/Name) keep long runs of one class. Below one switch
    // in three positions, a run is taken for an identifier and kept. Session tokens run to hundreds of characters
    // (with stretches of slashes): anything that long without a separator is hidden whatever its shape.
    private static bool LooksRandom(string run)
    {
        if (run.Length >= 100)
        {
            return true;
        }

        var switches = 0;
        for (var i = 1; i < run.Length; i++)
        {
            if (CharacterClass(run[i]) != CharacterClass(run[i - 1]))
            {
                switches++;
            }
        }

        return switches * 3 >= run.Length - 1;
    }

    private static int CharacterClass(char c) =>
        char.IsAsciiLetterUpper(c) ? 0 : char.IsAsciiLetterLower(c) ? 1 : char.IsAsciiDigit(c) ? 2 : 3;

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'<>`]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"(?<![0-9a-fA-F])[0-9a-fA-F]{64,}(?![0-9a-fA-F])", RegexOptions.CultureInvariant)]
    private static partial Regex HexSignaturePattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex SecretLikeRunPattern();
}
