using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.Testing.Runtime;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>What every invocation-loop test starts from: a fake Runtime API, a client for it, an environment and a log.</summary>
internal sealed class RuntimeLoopHarness : IAsyncDisposable
{
    public FakeRuntimeApi Api { get; } = new();

    public DictionaryEnvironment Environment { get; } = new();

    public CapturedJsonLog Log { get; } = new();

    /// <summary>Stops the loop under test; cancelled on dispose.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public RuntimeApiClient Client { get; private set; } = null!;

    public async Task StartAsync()
    {
        await Api.StartAsync();
        Environment[RuntimeApiClient.RuntimeApiVariable] = Api.RuntimeApiAddress;
        Client = new RuntimeApiClient(Environment);
    }

    public async ValueTask DisposeAsync()
    {
        await Stop.CancelAsync();
        Stop.Dispose();
        Client?.Dispose();
        await Api.DisposeAsync();
    }
}
