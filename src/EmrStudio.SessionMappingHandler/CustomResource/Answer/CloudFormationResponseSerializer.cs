using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EmrStudio.SessionMappingHandler.Text;

namespace EmrStudio.SessionMappingHandler.CustomResource.Answer;

/// <summary>
/// Writes an answer within CloudFormation's 4096-byte limit: the Reason is cut first (never inside a surrogate pair,
/// the cut marked with <see cref="TruncationMark"/>), then Data is dropped. Non-ASCII is written as raw UTF-8, not
/// as \uXXXX escapes that would take six bytes per character.
/// </summary>
internal static class CloudFormationResponseSerializer
{
    public const int MaxBodyBytes = 4096;
    public const string TruncationMark = "...";

    private static readonly JsonTypeInfo<CloudFormationResponse> ResponseTypeInfo = CreateTypeInfo();

    public static byte[] Serialize(CloudFormationResponse response)
    {
        var body = ToJson(response);
        if (body.Length <= MaxBodyBytes)
        {
            return body;
        }

        var fitted = FitReason(response, response.Data);
        if (fitted is not null)
        {
            return fitted;
        }

        if (response.Data is not null)
        {
            var withoutData = ToJson(response with { Data = null });
            if (withoutData.Length <= MaxBodyBytes)
            {
                return withoutData;
            }

            fitted = FitReason(response, data: null);
            if (fitted is not null)
            {
                return fitted;
            }
        }

        throw new ResponseDeliveryException(
            $"The answer takes {body.Length} bytes even without Reason and Data; CloudFormation accepts at most {MaxBodyBytes}.");
    }

    /// <summary>The longest cut of the Reason that fits, or null when even a bare mark does not.</summary>
    private static byte[]? FitReason(CloudFormationResponse response, Dictionary<string, string>? data)
    {
        var reason = response.Reason;
        if (string.IsNullOrEmpty(reason))
        {
            return null;
        }

        // No Reason longer than the whole body can fit: cap the search space before serializing anything.
        if (reason.Length > MaxBodyBytes)
        {
            reason = Utf16Text.Truncate(reason, MaxBodyBytes);
        }

        byte[]? best = null;
        int low = 0, high = reason.Length;
        while (low <= high)
        {
            var kept = low + ((high - low) / 2);
            var candidate = ToJson(response with { Reason = Utf16Text.Truncate(reason, kept) + TruncationMark, Data = data });
            if (candidate.Length <= MaxBodyBytes)
            {
                best = candidate;
                low = kept + 1;
            }
            else
            {
                high = kept - 1;
            }
        }

        return best;
    }

    private static byte[] ToJson(CloudFormationResponse response) =>
        UnescapeSurrogatePairs(JsonSerializer.SerializeToUtf8Bytes(response, ResponseTypeInfo));

    /// <summary>
    /// Rewrites each escaped surrogate pair (<c>\uD83D\uDE00</c>, twelve bytes) as the character's four raw UTF-8
    /// bytes. Even the relaxed encoder escapes everything outside the Basic Multilingual Plane (emoji, rarer CJK);
    /// CloudFormation reads raw UTF-8 just as well, and the bytes saved are left for the Reason.
    /// </summary>
    internal static byte[] UnescapeSurrogatePairs(byte[] json)
    {
        if (json.AsSpan().IndexOf((byte)'\\') < 0)
        {
            return json;
        }

        var output = new byte[json.Length];
        var written = 0;
        var i = 0;
        while (i < json.Length)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                output[written++] = json[i++];
                continue;
            }

            if (json[i + 1] == 'u'
                && i + 12 <= json.Length
                && TryReadHex4(json.AsSpan(i + 2, 4), out var high)
                && char.IsHighSurrogate(high)
                && json[i + 6] == '\\'
                && json[i + 7] == 'u'
                && TryReadHex4(json.AsSpan(i + 8, 4), out var low)
                && char.IsLowSurrogate(low))
            {
                written += new Rune(high, low).EncodeToUtf8(output.AsSpan(written));
                i += 12;
                continue;
            }

            // Any other escape (\\, \", \n, \u0001, a lone surrogate) is copied whole, so that the backslash of an
            // escaped backslash is never mistaken for the start of an escape.
            output[written++] = json[i++];
            output[written++] = json[i++];
        }

        return output.AsSpan(0, written).ToArray();
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> digits, out char value)
    {
        var ok = ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number);
        value = (char)number;
        return ok;
    }

    private static JsonTypeInfo<CloudFormationResponse> CreateTypeInfo()
    {
        // Derived from the source-generated context (no reflection), with relaxed escaping so that limits are
        // measured on raw UTF-8; the answer is never embedded in HTML, where that escaping would matter.
        var options = new JsonSerializerOptions(AnswerJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return (JsonTypeInfo<CloudFormationResponse>)options.GetTypeInfo(typeof(CloudFormationResponse));
    }
}
