using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EmrStudio.Benchmarks;

/// <summary>
/// The results of one benchmark run, as written to results.json and printed as tables: measured numbers and ratios
/// between builds measured in the same run. It judges nothing: the budgets, and why they are ratios, are in
/// docs/performance.md.
/// </summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    string Machine,
    int ColdRuns,
    int WarmEvents,
    Distribution EmptyProgramMs,
    long EmptyProgramBytes,
    IReadOnlyList<double> EmptyProgramSamplesMs,
    IReadOnlyList<BuildResult> Builds,
    IReadOnlyList<PairedRatio> Ratios)
{
    public static string DescribeMachine() =>
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPUs, {RuntimeInformation.FrameworkDescription}";

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cold start: median of {ColdRuns} interleaved runs per build (ms); each phase ends when a fake received the request that closes it.");
        text.AppendLine(MarkdownTable.Format(ColdStartRows()));
        text.AppendLine("Ratios: median of the per-round ratios (each round starts every build once, moments apart), with their range.");
        text.AppendLine(MarkdownTable.Format(RatioRows()));
        text.AppendLine(CultureInfo.InvariantCulture, $"Warm events ({WarmEvents} per build, after {BenchmarkSettings.DefaultWarmupEvents} unmeasured), memory and size.");
        text.AppendLine(MarkdownTable.Format(OtherRows()));
        text.Append("Budgets, as ratios to the empty program and the JIT build: docs/performance.md.");
        return text.ToString();
    }

    private List<string[]> ColdStartRows()
    {
        List<string[]> rows =
        [
            ["phase", "empty program", .. Builds.Select(build => build.Name)],
            Phase("spawn -> Runtime API ready (first GET /next)", summary => summary.SpawnToReadyMs.Median),
            Phase("ready -> first EMR request received", summary => summary.ReadyToFirstEmrCallMs.Median),
            Phase("first EMR request -> answer PUT received", summary => summary.FirstEmrCallToAnswerMs.Median),
            Phase("answer PUT -> result posted to the Runtime API", summary => summary.AnswerToResultMs.Median),
            Phase("spawn -> answer PUT received", summary => summary.ToAnswerMs.Median),
            ["spawn -> result posted (whole; empty: spawn -> exit)", Format(EmptyProgramMs.Median), .. Builds.Select(build => Format(build.ColdStart.TotalMs.Median))],
            ["whole, min", Format(EmptyProgramMs.Min), .. Builds.Select(build => Format(build.ColdStart.TotalMs.Min))],
            ["whole, max", Format(EmptyProgramMs.Max), .. Builds.Select(build => Format(build.ColdStart.TotalMs.Max))],
            ["CPU time of the process, all threads (median)", string.Empty, .. Builds.Select(build => Format(build.ColdStart.CpuMs.Median))],
        ];
        return rows;

        string[] Phase(string name, Func<ColdStartSummary, double> median) =>
            [name, string.Empty, .. Builds.Select(build => Format(median(build.ColdStart)))];
    }

    private List<string[]> RatioRows() =>
    [
        ["ratio", "median (x)", "min", "max"],
        .. Ratios.Select(ratio => (string[])[ratio.Name, Format(ratio.Median), Format(ratio.Min), Format(ratio.Max)]),
    ];

    private List<string[]> OtherRows() =>
    [
        ["metric", .. Builds.Select(build => build.Name)],
        ["warm event median (ms)", .. Builds.Select(build => Format(build.WarmEventMs.Median))],
        ["warm event p99 (ms)", .. Builds.Select(build => Format(build.WarmEventMs.P99))],
        ["peak RSS, cold (MiB, median)", .. Builds.Select(build => Format(build.ColdPeakRssMib))],
        ["peak RSS, after the warm events (MiB)", .. Builds.Select(build => Format(build.WarmPeakRssMib))],
        ["executable (MiB; JIT: bootstrap.dll)", .. Builds.Select(build => Format(Mib(build.BootstrapBytes)))],
        ["release zip (MiB)", .. Builds.Select(build => build.ZipBytes is { } zip ? Format(Mib(zip)) : string.Empty)],
        ["empty program (MiB)", Format(Mib(EmptyProgramBytes)), .. Builds.Skip(1).Select(_ => string.Empty)],
    ];

    private static double Mib(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 2);

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);
}
