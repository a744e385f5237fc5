using System.Text;
using EmrStudio.SessionMappingHandler.CustomResource.Request;

namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>
/// The one rule for the PhysicalResourceId of an answer that names no new resource. A failed Update or Delete keeps
/// the id CloudFormation sent, so CloudFormation keeps pointing at what still exists; a Create has none yet and gets
/// a sentinel: <c>emrstudio-create-failed:&lt;LogicalResourceId&gt;:&lt;RequestId&gt;</c>.
/// </summary>
/// <remarks>
/// CloudFormation needs a non-empty id even for a failure, and sends a Delete for it on rollback. The sentinel never
/// names a resource, so that Delete touches nothing, even when the Create failed because someone else's resource
/// already existed. The request parts make it unique per event and easy to trace; each is cut to 64 characters of
/// <c>[A-Za-z0-9._-]</c>, so it always fits.
/// </remarks>
internal static class PhysicalResourceIds
{
    public const string FailedCreatePrefix = "emrstudio-create-failed:";

    /// <summary>CloudFormation's limit on a PhysicalResourceId, counted in UTF-8 bytes.</summary>
    public const int MaxBytes = PhysicalResourceIdLimit.MaxBytes;

    private const int MaxSentinelPartLength = 64;

    /// <summary>The id for a FAILED answer to <paramref name="request"/>.</summary>
    public static string FallbackFor(CloudFormationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RequestType != "Create" && IsUsable(request.PhysicalResourceId)
            ? request.PhysicalResourceId!
            : FailedCreate(request);
    }

    public static string FailedCreate(CloudFormationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{FailedCreatePrefix}{SentinelPart(request.LogicalResourceId)}:{SentinelPart(request.RequestId)}";
    }

    public static bool IsFailedCreate(string? physicalResourceId) =>
        physicalResourceId?.StartsWith(FailedCreatePrefix, StringComparison.Ordinal) == true;

    /// <summary>Non-empty and within CloudFormation's 1 KB.</summary>
    public static bool IsUsable(string? id) => !string.IsNullOrEmpty(id) && Encoding.UTF8.GetByteCount(id) <= MaxBytes;

    private static string SentinelPart(string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return "unknown";
        }

        var builder = new StringBuilder(Math.Min(part.Length, MaxSentinelPartLength));
        foreach (var c in part.AsSpan(0, Math.Min(part.Length, MaxSentinelPartLength)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
