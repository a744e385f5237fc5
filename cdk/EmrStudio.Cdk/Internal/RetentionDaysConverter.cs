using Amazon.CDK.AWS.Logs;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The number of days each <see cref="RetentionDays"/> stands for. The .NET enum carries only the member names (its
/// numeric values are not the days), and the log group exists before options arrive, so the L1 property is set here.
/// </summary>
internal static class RetentionDaysConverter
{
    private static readonly Dictionary<RetentionDays, int> Days = new()
    {
        [RetentionDays.ONE_DAY] = 1,
        [RetentionDays.THREE_DAYS] = 3,
        [RetentionDays.FIVE_DAYS] = 5,
        [RetentionDays.ONE_WEEK] = 7,
        [RetentionDays.TWO_WEEKS] = 14,
        [RetentionDays.ONE_MONTH] = 30,
        [RetentionDays.TWO_MONTHS] = 60,
        [RetentionDays.THREE_MONTHS] = 90,
        [RetentionDays.FOUR_MONTHS] = 120,
        [RetentionDays.FIVE_MONTHS] = 150,
        [RetentionDays.SIX_MONTHS] = 180,
        [RetentionDays.ONE_YEAR] = 365,
        [RetentionDays.THIRTEEN_MONTHS] = 400,
        [RetentionDays.EIGHTEEN_MONTHS] = 545,
        [RetentionDays.TWO_YEARS] = 731,
        [RetentionDays.THREE_YEARS] = 1096,
        [RetentionDays.FIVE_YEARS] = 1827,
        [RetentionDays.SIX_YEARS] = 2192,
        [RetentionDays.SEVEN_YEARS] = 2557,
        [RetentionDays.EIGHT_YEARS] = 2922,
        [RetentionDays.NINE_YEARS] = 3288,
        [RetentionDays.TEN_YEARS] = 3653,
    };

    /// <summary>The days, or <see langword="null"/> for <see cref="RetentionDays.INFINITE"/> (no <c>RetentionInDays</c> at all).</summary>
    public static int? ToDays(RetentionDays retention) =>
        retention == RetentionDays.INFINITE ? null
        : Days.TryGetValue(retention, out var days) ? days
        : throw new ArgumentOutOfRangeException(nameof(retention), retention, "Not a retention this library knows the days of.");
}
