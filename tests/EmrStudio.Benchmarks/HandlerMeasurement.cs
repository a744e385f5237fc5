using System.Diagnostics.CodeAnalysis;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Runtime;

namespace EmrStudio.Benchmarks;

/// <summary>
/// Runs a handler build against the fakes. Every process gets a Runtime API of its own, so that one process's waiting
/// <c>/next</c> can never take another's event. Every answer must be a clean SUCCESS: a benchmark of failures measures nothing.
/// </summary>
internal sealed class HandlerMeasurement(BenchmarkFakes fakes, HandlerBuild build)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The event is queued before the process starts, as Lambda does; the clock runs from just before the process is
    /// spawned. The instants in between come from the fakes, which note when each request arrived.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The runtime fake is disposed with await using.")]
    public async Task<ColdStartSample> ColdStartAsync()
    {
        await using var runtime = new FakeRuntimeApi();
        await runtime.StartAsync();
        var create = fakes.NextCreate();
        runtime.Enqueue(create.Body, create.LambdaRequestId, DateTimeOffset.UtcNow.AddMinutes(1));

        var spawned = DateTimeOffset.UtcNow;
        using var process = HandlerProcess.Start(build, fakes.HandlerEnvironment(runtime.RuntimeApiAddress, WorkingDirectory()));
        var answer = await AnswerAsync(create, process);
        var result = await UntilWaitingForNextAsync(runtime, create, expectedNextRequests: 2, process);
        var sample = new ColdStartSample(
            spawned,
            runtime.NextRequestTimes[0],
            fakes.FirstEmrCallAt(create),
            answer.ReceivedAt,
            result.ReceivedAt,
            process.CpuMilliseconds(),
            process.PeakResidentKib());

        // Lambda's way to end a runtime: a 500 from the Runtime API. The process exits by itself, so that a profiler
        // wrapped around it (see --compare-with in docs/performance.md) sees a whole life and writes its data.
        runtime.AnswerServerErrors();
        await process.WaitForExitAsync(Patience);
        return sample;
    }

    /// <summary>
    /// One process handles <paramref name="warmup"/> events, then <paramref name="measured"/> more, each offered only
    /// once the process waits on <c>/next</c> again; each is timed from being offered to the answer's arrival.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "The runtime fake is disposed with await using.")]
    public async Task<WarmSample> WarmAsync(int warmup, int measured)
    {
        await using var runtime = new FakeRuntimeApi();
        await runtime.StartAsync();
        using var process = HandlerProcess.Start(build, fakes.HandlerEnvironment(runtime.RuntimeApiAddress, WorkingDirectory()));
        var timings = new List<double>(measured);
        for (var i = 0; i < warmup + measured; i++)
        {
            await WaitUntilAsync(() => runtime.NextRequestCount >= i + 1, process, "to ask for the next event");
            var create = fakes.NextCreate();
            var offered = DateTimeOffset.UtcNow;
            runtime.Enqueue(create.Body, create.LambdaRequestId, offered.AddMinutes(1));
            var answer = await AnswerAsync(create, process);
            if (i >= warmup)
            {
                timings.Add((answer.ReceivedAt - offered).TotalMilliseconds);
            }

            await UntilWaitingForNextAsync(runtime, create, expectedNextRequests: i + 2, process);
        }

        return new WarmSample(timings, process.PeakResidentKib());
    }

    private string WorkingDirectory() => Path.GetDirectoryName(build.Argument ?? build.FileName)!;

    private async Task<ReceivedAnswer> AnswerAsync(CreateEvent create, HandlerProcess process)
    {
        ReceivedAnswer answer;
        try
        {
            answer = await fakes.Receiver.WaitForAnswerAsync(create.ResponseUrl, Patience);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The {build.Name} handler sent no answer within {Patience}. Its output:\n{process.RecentOutput()}");
        }

        var violations = fakes.Receiver.ViolationsFor(create.ResponseUrl);
        return answer.Status == "SUCCESS" && violations.Count == 0
            ? answer
            : throw new InvalidOperationException(
                $"The {build.Name} handler answered {answer.Status} ({answer.Reason}); violations: {string.Join("; ", violations)}. Its output:\n{process.RecentOutput()}");
    }

    private static async Task<RuntimeResult> UntilWaitingForNextAsync(FakeRuntimeApi runtime, CreateEvent create, int expectedNextRequests, HandlerProcess process)
    {
        var result = await runtime.WaitForResultAsync(create.LambdaRequestId, Patience);
        if (result.IsError)
        {
            throw new InvalidOperationException($"The invocation failed: {result.Body}. Output:\n{process.RecentOutput()}");
        }

        await WaitUntilAsync(() => runtime.NextRequestCount >= expectedNextRequests, process, "to ask for the next event");
        return result;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, HandlerProcess process, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The handler did not get around {what} within {Patience}. Output:\n{process.RecentOutput()}");
            }

            await Task.Delay(1);
        }
    }
}
