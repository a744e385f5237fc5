namespace EmrStudio.Testing.Stacks.Iam;

/// <summary>IAM's pattern matching: <c>*</c> matches any run of characters (none included), <c>?</c> any one character.</summary>
public static class IamWildcard
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int p = 0, v = 0, starAt = -1, resumeAt = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0) && pattern[p] != '*')
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                resumeAt = v;
            }
            else if (starAt >= 0)
            {
                // Let the last star swallow one more character and try again from there.
                p = starAt + 1;
                v = ++resumeAt;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
