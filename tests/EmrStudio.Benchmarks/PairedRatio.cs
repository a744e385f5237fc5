namespace EmrStudio.Benchmarks;

/// <summary>
/// A ratio of two builds' timings measured in the same run: one ratio per round of the interleaved runs (the two
/// starts of a round ran moments apart, under the same machine load), summarised by its median.
/// </summary>
internal sealed record PairedRatio(string Name, double Median, double Min, double Max)
{
    public static PairedRatio Of(string name, IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        var ratios = Distribution.Of(numerators.Zip(denominators, (numerator, denominator) => numerator / denominator));
        return new PairedRatio(name, Math.Round(ratios.Median, 2), Math.Round(ratios.Min, 2), Math.Round(ratios.Max, 2));
    }
}
