using System.Globalization;

namespace EmrStudio.Benchmarks;

/// <summary>The command line: how many cold starts and warm events to measure, and whether to publish first.</summary>
internal sealed class BenchmarkSettings
{
    public const string Usage = "Usage: dotnet run -c Release --project tests/EmrStudio.Benchmarks [-- --runs N] [--warm-events N] [--skip-publish] [--aot-only] [--no-record] [--compare-with BOOTSTRAP]... [--handler-env NAME=VALUE]...";

    public const int DefaultWarmupEvents = 100;

    public int ColdRuns { get; private set; } = 25;

    public int WarmEvents { get; private set; } = 300;

    /// <summary>Events a process handles before the warm measurement starts, so that the JIT build is past tier-0.</summary>
    public int WarmupEvents { get; private set; } = DefaultWarmupEvents;

    /// <summary>Reuse the builds of a previous run instead of publishing again.</summary>
    public bool SkipPublish { get; private set; }

    /// <summary>Leave out the JIT build (quicker while iterating on the AOT one).</summary>
    public bool AotOnly { get; private set; }

    /// <summary>
    /// Give the handler its desired-state record, as every deployment does: a table on dynalite, read and written on
    /// every event. Off, the handler runs event by event, as a hand-made deployment without the table does.
    /// </summary>
    public bool WithRecord { get; private set; } = true;

    /// <summary>
    /// Other AOT bootstraps (a copy of an earlier build, or a script that execs one under a profiler or with a runtime
    /// knob set) to run interleaved with the others, so that a change is measured against its predecessor under the
    /// same machine load. Each is named after its file, or its folder when the file is called bootstrap.
    /// </summary>
    public List<string> CompareWith { get; } = [];

    /// <summary>Extra variables for the handler processes, to try a runtime knob (DOTNET_GCgen0size=...) without rebuilding.</summary>
    public Dictionary<string, string> HandlerEnvironment { get; } = new(StringComparer.Ordinal);

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchmarkSettings();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs":
                    settings.ColdRuns = Count(args, ++i);
                    break;
                case "--warm-events":
                    settings.WarmEvents = Count(args, ++i);
                    break;
                case "--skip-publish":
                    settings.SkipPublish = true;
                    break;
                case "--handler-env" when i + 1 < args.Count && args[i + 1].IndexOf('=', StringComparison.Ordinal) > 0:
                    var assignment = args[++i];
                    var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                    settings.HandlerEnvironment[assignment[..equals]] = assignment[(equals + 1)..];
                    break;
                case "--compare-with" when i + 1 < args.Count:
                    settings.CompareWith.Add(Path.GetFullPath(args[++i]));
                    break;
                case "--no-record":
                    settings.WithRecord = false;
                    break;
                case "--aot-only":
                    settings.AotOnly = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. {Usage}");
            }
        }

        return settings;
    }

    private static int Count(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{args[index - 1]}' needs a positive count. {Usage}");
}
