using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Hosting;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Scenarios;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>
/// Runs the handler's composition root on a background task, wired exactly as Program.cs wires it, with the
/// environment in a dictionary and the JSON log lines in memory.
/// </summary>
internal sealed class InProcessRunner : IHandlerRunner
{
    private readonly LockedStringWriter _writer = new();
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _running;
    private bool _disposed;

    public string Name => "in-process";

    public string Output => _writer.ToString();

    public bool HasExited => _running?.IsCompleted ?? false;

    public Task StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variables = new DictionaryEnvironment();
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        var credentials = new SessionAWSCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey, ScenarioWorld.SessionToken);
        var log = new JsonLogger(_writer, minimumLevel: LambdaLogLevel.FromEnvironment(variables));
        _running = Task.Run(() => HandlerApplication.RunAsync(variables, credentials, log, _stop.Token));
        return Task.CompletedTask;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var running = _running ?? throw new InvalidOperationException("The handler was not started.");
        try
        {
            return await running.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The handler still runs after {timeout}. Output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // A loop that ignores its stop token is reported by the scenario that left it running, not here.
            }
        }

        _stop.Dispose();
        _writer.Dispose();
    }
}
