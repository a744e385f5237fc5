using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EmrStudio.Testing.Reporting;

/// <summary>
/// Says on the console what a long step of a fixture is doing while <c>dotnet test</c> runs: when it starts, every
/// <see cref="Interval"/> while it runs (with the latest line its tool printed), and when it ends. It writes xunit
/// diagnostic messages, which tests/test.runsettings turns on and the console shows at its default verbosity.
/// </summary>
public sealed class StepProgress : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly IMessageSink? _sink;
    private readonly string _step;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private string? _latest;
    private bool _ended;

    private StepProgress(IMessageSink? sink, string step)
    {
        _sink = sink;
        _step = step;
        Say($"{step}...");
        _timer = new Timer(_ => Heartbeat(), null, Interval, Interval);
    }

    /// <summary>Starts reporting <paramref name="step"/> (a sentence without a full stop); a null sink reports nothing.</summary>
    public static StepProgress Start(IMessageSink? sink, string step) => new(sink, step);

    /// <summary>The latest thing the step's tool printed, shown with the next heartbeat.</summary>
    public void Saw(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            lock (_gate)
            {
                _latest = line.Trim();
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _ended = true;
        }

        Say(string.Create(CultureInfo.InvariantCulture, $"{_step}: done in {_watch.Elapsed.TotalSeconds:F0} s."));
    }

    private void Heartbeat()
    {
        string? latest;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            latest = _latest;
        }

        Say(string.Create(CultureInfo.InvariantCulture, $"{_step}: {_watch.Elapsed.TotalSeconds:F0} s so far{(latest is null ? string.Empty : $" (last: {latest})")}"));
    }

    private void Say(string text) => _sink?.OnMessage(new DiagnosticMessage(text));
}
