using System.Diagnostics;
using EmrStudio.Testing.Publishing;

namespace EmrStudio.Scale;

/// <summary>What every scenario may use: the settings, the published bootstrap (published on first use), progress on standard error.</summary>
internal sealed class ScaleContext(ScaleSettings settings)
{
    private readonly Lazy<PublishedBootstrap> _published = new(() => new PublishedBootstrap(new ConsoleMessageSink()));
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ScaleSettings Settings { get; } = settings;

    /// <summary>The Native AOT bootstrap, as the tests publish it into artifacts/handler (reused while its sources are unchanged).</summary>
    public string Bootstrap() => _published.Value.RequireExecutable();

    /// <summary>A line on standard error, so that a long run shows where it is; the tables go to standard output.</summary>
    public void Progress(string line) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {line}");
}
