using System.Globalization;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource.Request;

namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>
/// Judges whether CloudFormation still waits for an event's answer. It waits the resource's <c>ServiceTimeout</c>
/// (1-3600 s, 3600 when absent) and then fails the resource and moves on; Lambda may deliver a queued asynchronous
/// event long after that (up to <c>MaximumEventAgeInSeconds</c>). Acting on such an event would create or delete a
/// mapping that the stack no longer accounts for.
/// </summary>
/// <remarks>
/// The issue time is in the pre-signed ResponseURL: <c>X-Amz-Date</c> (SigV4, <c>yyyyMMddTHHmmssZ</c>); older URLs
/// (SigV2) carry only <c>Expires</c>, their expiry in epoch seconds, two hours after issue. A URL with neither (a local
/// emulator's) is not judged.
/// </remarks>
internal static class EventAge
{
    public const string ServiceTimeoutProperty = "ServiceTimeout";
    public const int DefaultServiceTimeoutSeconds = 3600;
    public const int MaxServiceTimeoutSeconds = 3600;

    /// <summary>How long CloudFormation's older, SigV2 ResponseURLs stay valid after they are issued.</summary>
    public static readonly TimeSpan SigV2UrlValidity = TimeSpan.FromHours(2);

    /// <summary>Null when the event may be acted on; otherwise the Reason for the FAILED answer.</summary>
    public static string? Refusal(CloudFormationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryReadServiceTimeout(request.ResourceProperties, out var serviceTimeout, out var problem))
        {
            return problem;
        }

        if (IssuedAt(request.ResponseUrl) is not { } issued)
        {
            return null;
        }

        var age = now - issued;
        return age > serviceTimeout
            ? $"The event was issued {age.TotalSeconds:0} s ago, longer than its ServiceTimeout of {serviceTimeout.TotalSeconds:0} s: " +
              "CloudFormation has stopped waiting for it, so it was not acted on"
            : null;
    }

    /// <summary>When CloudFormation issued the ResponseURL, or null when the URL does not say.</summary>
    public static DateTimeOffset? IssuedAt(string responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Query))
        {
            return null;
        }

        string? expires = null;
        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var name = Uri.UnescapeDataString(pair[..separator]);
            var value = Uri.UnescapeDataString(pair[(separator + 1)..]);
            if (name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signed))
            {
                return signed;
            }

            if (name.Equals("Expires", StringComparison.OrdinalIgnoreCase))
            {
                expires = value;
            }
        }

        return long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch is > 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(epoch) - SigV2UrlValidity
            : null;
    }

    /// <summary>
    /// CloudFormation delivers ServiceTimeout as a string of whole seconds (a hand-written event may use a number).
    /// CloudFormation itself rejects anything outside 1-3600, so another value did not come from it.
    /// </summary>
    private static bool TryReadServiceTimeout(JsonElement? properties, out TimeSpan serviceTimeout, out string? problem)
    {
        serviceTimeout = TimeSpan.FromSeconds(DefaultServiceTimeoutSeconds);
        problem = null;
        if (properties is not { ValueKind: JsonValueKind.Object } bag || !bag.TryGetProperty(ServiceTimeoutProperty, out var value))
        {
            return true;
        }

        string? text;
        try
        {
            text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate: no number.
            text = null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxServiceTimeoutSeconds)
        {
            serviceTimeout = TimeSpan.FromSeconds(seconds);
            return true;
        }

        problem = $"{ServiceTimeoutProperty}: must be a whole number of seconds from 1 to {MaxServiceTimeoutSeconds}";
        return false;
    }
}
