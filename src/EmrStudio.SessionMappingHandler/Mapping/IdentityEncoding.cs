using System.Globalization;
using System.Text;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Percent-encodes an identity for the last component of a <see cref="MappingId"/>, one-to-one, so that any identity
/// EMR can report reads back exactly.
/// </summary>
/// <remarks>
/// Kept literal: ASCII letters, digits and <c>-._~</c> (RFC 3986's unreserved set), and printable non-ASCII
/// characters, so ids stay readable and a 256-character identity in any script still fits CloudFormation's 1 KB.
/// Everything else (other ASCII, including '/', ':' and '%', and invisible characters: controls, spaces,
/// separators, format characters, private-use and unassigned code points) becomes <c>%XX</c> per UTF-8 byte, upper-case
/// hex. Decoding accepts only what encoding produces, so no two strings name the same identity.
/// </remarks>
internal static class IdentityEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes a well-formed UTF-16 string (the caller checks; broken surrogates have no UTF-8 form).</summary>
    public static string Encode(string identity)
    {
        var builder = new StringBuilder(identity.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in identity.EnumerateRunes())
        {
            if (IsLiteral(rune))
            {
                builder.Append(rune.ToString());
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The identity that <paramref name="encoded"/> is the encoding of, or null when it is no encoding.</summary>
    public static string? Decode(ReadOnlySpan<char> encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%')
            {
                if (i + 2 >= encoded.Length)
                {
                    return null;
                }

                var high = HexDigits.IndexOf(encoded[i + 1], StringComparison.Ordinal);
                var low = HexDigits.IndexOf(encoded[i + 2], StringComparison.Ordinal);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes.Add((byte)((high << 4) | low));
                i += 2;
                continue;
            }

            if (Rune.DecodeFromUtf16(encoded[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            var count = rune.EncodeToUtf8(utf8);
            bytes.AddRange(utf8[..count]);
            i += consumed - 1;
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString([.. bytes]);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return Encode(decoded).AsSpan().SequenceEqual(encoded) ? decoded : null;
    }

    private static bool IsLiteral(Rune rune)
    {
        if (rune.IsAscii)
        {
            return Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '.' or '_' or '~';
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => false,
            _ => true,
        };
    }
}
