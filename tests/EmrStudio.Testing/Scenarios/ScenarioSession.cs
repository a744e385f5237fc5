using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace EmrStudio.Testing.Scenarios;

/// <summary>One world and one running handler: sends events and collects what each led to.</summary>
public sealed class ScenarioSession : IAsyncDisposable
{
    /// <summary>
    /// The deadline of an event sent without one. It is a real deadline (the published executable runs on the real
    /// clock), so it is long: a working handler posts its result as soon as it is done, which costs a passing scenario
    /// nothing, and the provider's share (24 s) outlasts a cold, loaded machine's first event (JIT, first connections)
    /// many times over. Scenarios about short deadlines pass their own.
    /// </summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a runtime result beyond the event's own deadline; it only bounds a hang.</summary>
    public static readonly TimeSpan ResultGrace = TimeSpan.FromSeconds(10);

    private ScenarioSession(ScenarioWorld world, IHandlerRunner runner)
    {
        World = world;
        Runner = runner;
    }

    public ScenarioWorld World { get; }

    public IHandlerRunner Runner { get; }

    /// <param name="runner">Started here; the session stops it.</param>
    /// <param name="transport">How the handler reaches the fakes.</param>
    /// <param name="adjustEnvironment">Changes the function's variables before the start (a misconfiguration, say).</param>
    [SuppressMessage("Reliability", "CA2000", Justification = "The session owns the world and disposes it, on failure too.")]
    public static async Task<ScenarioSession> StartAsync(
        IHandlerRunner runner,
        ScenarioTransport transport = ScenarioTransport.PlainHttp,
        Action<Dictionary<string, string>>? adjustEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var session = new ScenarioSession(await ScenarioWorld.StartAsync(transport), runner);
        try
        {
            var environment = new Dictionary<string, string>(session.World.HandlerEnvironment, StringComparer.Ordinal);
            adjustEnvironment?.Invoke(environment);
            await runner.StartAsync(environment);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    /// <summary>Offers the event with a deadline <paramref name="deadlineIn"/> from now and waits for its runtime result.</summary>
    public async Task<ScenarioExchange> SendAsync(CustomResourceEvent customResourceEvent, TimeSpan? deadlineIn = null)
    {
        ArgumentNullException.ThrowIfNull(customResourceEvent);
        var budget = deadlineIn ?? DefaultDeadline;
        World.Runtime.Enqueue(customResourceEvent.Body, customResourceEvent.LambdaRequestId, DateTimeOffset.UtcNow + budget);
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await World.Runtime.WaitForResultAsync(customResourceEvent.LambdaRequestId, budget + ResultGrace);
            return Collect(customResourceEvent, result);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{Runner.Name}: no runtime result for {customResourceEvent.LambdaRequestId} after {watch.Elapsed} "
                + $"(handler {(Runner.HasExited ? "exited" : "running")}). Output:\n{Runner.Output}");
        }
    }

    /// <summary>The exchange as it stands now; answers are always delivered before the runtime result is posted.</summary>
    public ScenarioExchange Collect(CustomResourceEvent customResourceEvent, Runtime.RuntimeResult result)
    {
        ArgumentNullException.ThrowIfNull(customResourceEvent);
        var url = customResourceEvent.ResponseUrl;
        return new ScenarioExchange(
            customResourceEvent,
            result,
            url is null ? [] : World.Receiver.Answers(url),
            url is null ? [] : World.Receiver.ViolationsFor(url),
            () => Runner.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await World.DisposeAsync();
    }
}
