using System.Globalization;
using System.Text;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>
/// Reads the text of one element of an AWS Query answer, found by its path of local names
/// (<c>DescribeStacksResponse/DescribeStacksResult/Stacks/member/StackStatus</c>). A small forward-only reader
/// instead of System.Xml, which would add more than 3 MB to the Native AOT executable for two fields.
/// </summary>
/// <remarks>
/// It understands what such answers contain: an XML declaration, comments, elements with namespace prefixes and
/// attributes, character and predefined entity references, CDATA. A document type declaration is refused, and so is
/// anything malformed: <see cref="FormatException"/>, never a guess.
/// </remarks>
internal static class XmlText
{
    /// <summary>The decoded text of the first element at <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="FormatException">The document is not well-formed as far as this reader can tell.</exception>
    public static string? Find(string xml, params ReadOnlySpan<string> path)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var open = new List<string>();
        StringBuilder? text = null;
        var i = 0;
        while (i < xml.Length)
        {
            if (xml[i] != '<')
            {
                var end = xml.IndexOf('<', i);
                end = end < 0 ? xml.Length : end;
                text?.Append(Decode(xml.AsSpan(i, end - i)));
                i = end;
                continue;
            }

            if (At(xml, i, "<?"))
            {
                i = After(xml, i, "?>");
            }
            else if (At(xml, i, "<!--"))
            {
                i = After(xml, i, "-->");
            }
            else if (At(xml, i, "<![CDATA["))
            {
                var end = After(xml, i, "]]>");
                text?.Append(xml, i + 9, end - i - 12);
                i = end;
            }
            else if (At(xml, i, "<!"))
            {
                throw new FormatException("The answer declares a document type, which an AWS answer never does.");
            }
            else if (At(xml, i, "</"))
            {
                var end = After(xml, i, ">");
                var name = LocalName(xml.AsSpan(i + 2, end - i - 3).Trim());
                if (open.Count == 0 || open[^1] != name)
                {
                    throw new FormatException($"The answer closes <{name}> where it is not open.");
                }

                if (text is not null && IsAt(open, path))
                {
                    return text.ToString();
                }

                open.RemoveAt(open.Count - 1);
                i = end;
            }
            else
            {
                var end = EndOfTag(xml, i);
                var selfClosing = xml[end - 2] == '/';
                var inner = xml.AsSpan(i + 1, end - i - (selfClosing ? 3 : 2));
                var nameEnd = inner.IndexOfAny(" \t\r\n");
                var name = LocalName(nameEnd < 0 ? inner : inner[..nameEnd]);
                if (name.Length == 0)
                {
                    throw new FormatException("The answer has an element without a name.");
                }

                open.Add(name);
                if (IsAt(open, path))
                {
                    if (selfClosing)
                    {
                        return string.Empty;
                    }

                    text = new StringBuilder();
                }

                if (selfClosing)
                {
                    open.RemoveAt(open.Count - 1);
                }

                i = end;
            }
        }

        return open.Count == 0 ? null : throw new FormatException("The answer ends inside an element.");
    }

    private static bool IsAt(List<string> open, ReadOnlySpan<string> path)
    {
        if (open.Count != path.Length)
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            if (!string.Equals(open[i], path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool At(string xml, int index, string marker) => xml.AsSpan(index).StartsWith(marker, StringComparison.Ordinal);

    private static int After(string xml, int index, string terminator)
    {
        var end = xml.IndexOf(terminator, index, StringComparison.Ordinal);
        return end < 0 ? throw new FormatException($"The answer never closes a construct with '{terminator}'.") : end + terminator.Length;
    }

    // A '>' inside a quoted attribute value does not end the tag.
    private static int EndOfTag(string xml, int start)
    {
        char? quote = null;
        for (var i = start + 1; i < xml.Length; i++)
        {
            var c = xml[i];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        throw new FormatException("The answer ends inside a tag.");
    }

    private static string LocalName(ReadOnlySpan<char> qualified)
    {
        var colon = qualified.IndexOf(':');
        return (colon < 0 ? qualified : qualified[(colon + 1)..]).ToString();
    }

    private static string Decode(ReadOnlySpan<char> raw)
    {
        if (!raw.Contains('&'))
        {
            return raw.ToString();
        }

        var decoded = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var amp = raw.IndexOf('&');
            if (amp < 0)
            {
                decoded.Append(raw);
                break;
            }

            decoded.Append(raw[..amp]);
            raw = raw[(amp + 1)..];
            var semicolon = raw.IndexOf(';');
            if (semicolon <= 0)
            {
                throw new FormatException("The answer has an unterminated entity reference.");
            }

            decoded.Append(Entity(raw[..semicolon]));
            raw = raw[(semicolon + 1)..];
        }

        return decoded.ToString();
    }

    private static string Entity(ReadOnlySpan<char> name) => name switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ when name.StartsWith("#x") && int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) => CodePoint(hex),
        _ when name.StartsWith("#") && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => CodePoint(dec),
        _ => throw new FormatException($"The answer uses an entity XML does not define ('&{name.ToString()};')."),
    };

    private static string CodePoint(int value) =>
        Rune.IsValid(value) ? char.ConvertFromUtf32(value) : throw new FormatException($"The answer references character {value}, which is not one.");
}
