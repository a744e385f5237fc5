using System.Text;
using EmrStudio.SessionMappingHandler.CloudFormation;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// The PhysicalResourceId of a failed Create: <c>emrstudio-create-failed:&lt;LogicalResourceId&gt;:&lt;RequestId&gt;</c>,
/// e.g. <c>emrstudio-create-failed:DataScientists:5a8f0b5e-...</c>.
/// </summary>
/// <remarks>
/// CloudFormation needs a non-empty id even for a failure, and sends a Delete for it on rollback. The prefix differs
/// from <see cref="MappingId.Prefix"/>, so it never parses as a mapping and that Delete touches nothing, even when
/// the Create failed because someone else's mapping already existed. The request parts make it unique per event and
/// easy to trace; each is cut to 64 characters of <c>[A-Za-z0-9._-]</c>.
/// </remarks>
internal static class CreateFailedSentinel
{
    public const string Prefix = "emrstudio-create-failed:";

    private const int MaxPartLength = 64;

    public static string For(CloudFormationRequest request) =>
        $"{Prefix}{Sanitize(request.LogicalResourceId)}:{Sanitize(request.RequestId)}";

    public static bool IsSentinel(string? physicalResourceId) =>
        physicalResourceId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    private static string Sanitize(string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return "unknown";
        }

        var builder = new StringBuilder(Math.Min(part.Length, MaxPartLength));
        foreach (var c in part.AsSpan(0, Math.Min(part.Length, MaxPartLength)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
