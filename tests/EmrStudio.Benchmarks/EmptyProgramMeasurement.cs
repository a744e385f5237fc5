using System.Diagnostics.CodeAnalysis;

namespace EmrStudio.Benchmarks;

/// <summary>
/// The floor: a Native AOT program built with the handler's settings that writes one line and exits, timed from just
/// before the spawn to its exit, by the same process-starting code as the handler. Nothing the handler does can
/// start faster than this on the same machine at the same moment.
/// </summary>
internal sealed class EmptyProgramMeasurement(BenchmarkFakes fakes, HandlerBuild build)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SuppressMessage("Reliability", "CA2000", Justification = "The process is disposed with using.")]
    public async Task<double> ColdStartAsync()
    {
        // The environment a handler gets, so that the spawn has the same work; the program reads none of it.
        var environment = fakes.HandlerEnvironment("127.0.0.1:9", Path.GetDirectoryName(build.FileName)!);
        var spawned = DateTimeOffset.UtcNow;
        using var process = HandlerProcess.Start(build, environment);
        await process.WaitForExitAsync(Patience);
        var exited = DateTimeOffset.UtcNow;
        return process.ExitCode == 0
            ? (exited - spawned).TotalMilliseconds
            : throw new InvalidOperationException($"The empty program exited with {process.ExitCode}. Its output:\n{process.RecentOutput()}");
    }
}
