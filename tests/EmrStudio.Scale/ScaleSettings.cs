using System.Globalization;

namespace EmrStudio.Scale;

/// <summary>The command line of the scale command.</summary>
internal sealed record ScaleSettings
{
    public const string Usage =
        "Usage: scale [--only NAME]... [--sizes 1,50,400] [--emr-rate CALLS_PER_SECOND] [--emr-burst CALLS] [--concurrency N]";

    /// <summary>Scenarios to run, by name; empty: all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Mappings per stack, one stack per size.</summary>
    public IReadOnlyList<int> StackSizes { get; init; } = [1, 50, 400];

    /// <summary>The EMR fake's per-account rate, in calls a second (EMR publishes no figure for these APIs).</summary>
    public double EmrRate { get; init; } = 25;

    /// <summary>The EMR fake's burst: calls accepted at once before the rate applies.</summary>
    public int EmrBurst { get; init; } = 50;

    /// <summary>Resources the stack simulator provisions at once.</summary>
    public int Concurrency { get; init; } = 10;

    /// <exception cref="ArgumentException">An unknown option or a value out of range; the message says which.</exception>
    public static ScaleSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new ScaleSettings();
        var only = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{option} needs a value.\n{Usage}");
            settings = option switch
            {
                "--only" => settings with { Only = [.. only.Append(Value())] },
                "--sizes" => settings with { StackSizes = [.. Value().Split(',').Select(size => Positive(option, size))] },
                "--emr-rate" => settings with { EmrRate = Positive(option, Value()) },
                "--emr-burst" => settings with { EmrBurst = Positive(option, Value()) },
                "--concurrency" => settings with { Concurrency = Positive(option, Value()) },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {option}.\n{Usage}"),
            };
            only = [.. settings.Only];
        }

        return settings;
    }

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a positive whole number, not '{text}'.\n{Usage}");
}
