using System.Globalization;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>EMR reports times as epoch seconds (with a fraction); templates read them as ISO 8601 UTC.</summary>
internal static class EpochTime
{
    public static DateTimeOffset? ToDateTimeOffset(double? epochSeconds)
    {
        if (epochSeconds is not { } seconds || !double.IsFinite(seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
    }

    /// <summary><c>2026-11-24T05:00:00Z</c>, whole seconds; empty when EMR gave no usable time.</summary>
    public static string ToIso8601(double? epochSeconds) =>
        ToDateTimeOffset(epochSeconds)?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;
}
