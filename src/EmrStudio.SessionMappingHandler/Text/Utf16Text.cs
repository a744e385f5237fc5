namespace EmrStudio.SessionMappingHandler.Text;

internal static class Utf16Text
{
    /// <summary>
    /// The first <paramref name="maxLength"/> UTF-16 units of <paramref name="text"/>, one fewer when the cut would
    /// leave half a surrogate pair: a lone surrogate is not valid UTF-8 and would be mangled on the wire.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        if (maxLength >= text.Length)
        {
            return text;
        }

        if (maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]))
        {
            maxLength--;
        }

        return text[..maxLength];
    }
}
