namespace EmrStudio.Benchmarks;

/// <summary>Order statistics of a set of timings, in milliseconds (nearest-rank percentiles).</summary>
internal sealed record Distribution(int Count, double Min, double Median, double P99, double Max)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values to summarise.", nameof(values));
        }

        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new Distribution(sorted.Length, Round(sorted[0]), Round(median), Round(Rank(sorted, 0.99)), Round(sorted[^1]));
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double value) => Math.Round(value, 3);
}
