using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EmrStudio.Benchmarks;

/// <summary>The results of one benchmark run, as written to results.json and printed as a table against the budgets.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    string Machine,
    int ColdRuns,
    int WarmEvents,
    BuildResult Aot,
    BuildResult? Jit)
{
    public const double ColdStartBudgetMs = 20;
    public const double WarmBudgetMs = 1;
    public const double PeakRssBudgetMib = 20;
    public const double BootstrapBudgetMib = 12;
    public const double ZipBudgetMib = 5;
    public const double MinimumJitRatio = 10;


    /// <summary>How many times faster the AOT cold start is than the JIT one (medians).</summary>
    public double? JitToAotColdStartRatio => Jit is null ? null : Math.Round(Jit.ColdStartMs.Median / Aot.ColdStartMs.Median, 1);

    public static string DescribeMachine() =>
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPUs, {RuntimeInformation.FrameworkDescription}";

    public string ToTable()
    {
        string[] header = ["metric", Aot.Name, Jit?.Name ?? "JIT", "budget", "AOT ok"];
        var rows = new List<string[]>
        {
            header,
            Row("cold start min (ms)", Aot.ColdStartMs.Min, Jit?.ColdStartMs.Min, null, null),
            Row("cold start median (ms)", Aot.ColdStartMs.Median, Jit?.ColdStartMs.Median, ColdStartBudgetMs, Aot.ColdStartMs.Median <= ColdStartBudgetMs),
            Row("cold start max (ms)", Aot.ColdStartMs.Max, Jit?.ColdStartMs.Max, null, null),
            Row("warm event median (ms)", Aot.WarmEventMs.Median, Jit?.WarmEventMs.Median, WarmBudgetMs, Aot.WarmEventMs.Median <= WarmBudgetMs),
            Row("warm event p99 (ms)", Aot.WarmEventMs.P99, Jit?.WarmEventMs.P99, null, null),
            Row("peak RSS, cold (MiB, median)", Aot.ColdPeakRssMib, Jit?.ColdPeakRssMib, PeakRssBudgetMib, Aot.ColdPeakRssMib <= PeakRssBudgetMib),
            Row("peak RSS, after warm run (MiB)", Aot.WarmPeakRssMib, Jit?.WarmPeakRssMib, PeakRssBudgetMib, Aot.WarmPeakRssMib <= PeakRssBudgetMib),
            Row("bootstrap (MiB)", Mib(Aot.BootstrapBytes), Jit is null ? null : Mib(Jit.BootstrapBytes), BootstrapBudgetMib, Mib(Aot.BootstrapBytes) <= BootstrapBudgetMib),
            Row("release zip (MiB)", Mib(Aot.ZipBytes ?? 0), null, ZipBudgetMib, Mib(Aot.ZipBytes ?? 0) <= ZipBudgetMib),
        };
        if (JitToAotColdStartRatio is { } ratio)
        {
            rows.Add([$"{Jit!.Name} / {Aot.Name} cold start (x)", string.Empty, Format(ratio), ">= " + Format(MinimumJitRatio), ratio >= MinimumJitRatio ? "yes" : "NO"]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var table = new StringBuilder();
        foreach (var row in rows)
        {
            table.Append("| ").AppendJoin(" | ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).AppendLine(" |");
            if (ReferenceEquals(row, header))
            {
                table.Append('|').AppendJoin('|', widths.Select((width, column) => new string('-', width + 1) + (column == 0 ? "-" : ":"))).AppendLine("|");
            }
        }

        return table.ToString();
    }

    private static double Mib(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 2);

    private static string[] Row(string metric, double aot, double? jit, double? budget, bool? ok) =>
    [
        metric,
        Format(aot),
        jit is null ? string.Empty : Format(jit.Value),
        budget is null ? string.Empty : "<= " + Format(budget.Value),
        ok switch { null => string.Empty, true => "yes", false => "NO" },
    ];

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.0#", CultureInfo.InvariantCulture);
}
