using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Tests.Fixtures;

/// <summary>The JSON events under Fixtures/, with <c>{{ResponseURL}}</c> replaced by a test's URL.</summary>
internal static class EventFixtures
{
    public const string SampleSignature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    /// <summary>
    /// Shaped like CloudFormation's real URLs and signed now, as CloudFormation signs the URL of an event it sends
    /// (an older one would be stale); its signature is a secret no log may show.
    /// </summary>
    public static string SampleResponseUrl => SampleResponseUrlIssuedAt(DateTimeOffset.UtcNow);

    /// <summary>The sample URL signed at <paramref name="issuedAt"/>: now, on the clock of a test that drives a fake one.</summary>
    public static string SampleResponseUrlIssuedAt(DateTimeOffset issuedAt)
    {
        var signed = issuedAt.UtcDateTime;
        return "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation/analytics/DataScientists"
            + $"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date={signed.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}"
            + "&X-Amz-SignedHeaders=host&X-Amz-Expires=7199"
            + $"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F{signed.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=" + SampleSignature;
    }

    public static string Load(string name, string? responseUrl = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
        return text.Replace("{{ResponseURL}}", JsonEncodedText.Encode(responseUrl ?? SampleResponseUrl).ToString(), StringComparison.Ordinal);
    }

    public static byte[] LoadBytes(string name, string? responseUrl = null) => Encoding.UTF8.GetBytes(Load(name, responseUrl));
}
