using EmrStudio.Testing.Runtime;
using EmrStudio.Testing.Scenarios;

namespace EmrStudio.Testing.Stacks.Lambda;

/// <summary>
/// One Lambda execution environment of a function: the published bootstrap as a process, its own Runtime API, and
/// credentials of its own, so that the fakes know which function (hence which role) calls them.
/// </summary>
internal sealed class LambdaExecutionEnvironment : IAsyncDisposable
{
    private LambdaExecutionEnvironment(string functionName, string configuration, string accessKeyId, FakeRuntimeApi runtime, BootstrapProcessRunner runner)
    {
        FunctionName = functionName;
        Configuration = configuration;
        AccessKeyId = accessKeyId;
        Runtime = runtime;
        Runner = runner;
    }

    public string FunctionName { get; }

    /// <summary>The function's configuration this environment was started with (JSON), to tell when it is out of date.</summary>
    public string Configuration { get; }

    public string AccessKeyId { get; }

    public FakeRuntimeApi Runtime { get; }

    public BootstrapProcessRunner Runner { get; }

    /// <param name="executable">The published bootstrap.</param>
    /// <param name="functionName">The function this environment runs.</param>
    /// <param name="configuration">The function's configuration (JSON) as of the start.</param>
    /// <param name="accessKeyId">The environment's own access key id.</param>
    /// <param name="environment">Given the Runtime API's address, the process's variables.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "Owned by the environment, disposed with it or on failure.")]
    public static async Task<LambdaExecutionEnvironment> StartAsync(
        string executable, string functionName, string configuration, string accessKeyId, Func<string, IReadOnlyDictionary<string, string>> environment)
    {
        var runtime = new FakeRuntimeApi();
        var runner = new BootstrapProcessRunner(executable);
        try
        {
            await runtime.StartAsync();
            await runner.StartAsync(environment(runtime.RuntimeApiAddress));
        }
        catch
        {
            await runner.DisposeAsync();
            await runtime.DisposeAsync();
            throw;
        }

        return new LambdaExecutionEnvironment(functionName, configuration, accessKeyId, runtime, runner);
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}
