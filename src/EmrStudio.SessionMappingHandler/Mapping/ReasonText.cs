using System.Text;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Makes values safe to echo in a Reason: CloudFormation shows Reasons in consoles and event logs, and its whole answer
/// must stay under 4 KB, so echoed values lose control characters, broken surrogates and the non-characters U+FFFE and
/// U+FFFF (which no XML answer of CloudFormation's API could carry) and are cut short.
/// </summary>
internal static class ReasonText
{
    public const int DefaultMaxEcho = 64;

    public static string Echo(string? value, int maxLength = DefaultMaxEcho)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 3);
        var cut = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune == Rune.ReplacementChar || rune.Value is 0xFFFE or 0xFFFF)
            {
                continue;
            }

            if (builder.Length + rune.Utf16SequenceLength > maxLength)
            {
                cut = true;
                break;
            }

            builder.Append(rune.ToString());
        }

        return cut ? builder.Append("...").ToString() : builder.ToString();
    }

    /// <summary>
    /// Why a call failed, in a form an operator can act on. A call cut off by the deadline names the last real
    /// failure before it (throttling, a 5xx, a dropped connection), which says more than the deadline itself.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        AwsServiceException aws => $"{Echo(aws.ErrorType)}: {Echo(aws.ErrorMessage, 200)}",
        OperationCanceledException { InnerException: { } last } => $"the time available for this request ran out; the last failure was {Describe(last)}",
        OperationCanceledException => "the time available for this request ran out",
        _ => $"{exception.GetType().Name}: {Echo(exception.Message, 200)}",
    };
}
