using System.Text;

namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>The first 200 bytes of an answer no protocol could read (a proxy's error page), printable, for a Reason.</summary>
internal static class BodyExcerpt
{
    public static string Of(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        var printable = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            printable.Append(char.IsControl(character) ? ' ' : character);
        }

        return printable.ToString().Trim();
    }
}
