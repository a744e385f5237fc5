using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Lambda;

/// <summary>
/// The account's Lambda as the stacks made it: functions and their event invoke configs by function name, and the
/// execution environments that run them. An environment runs one invocation at a time: an invocation takes an idle
/// one or, when all are busy, starts another, as Lambda scales out. An environment whose function's configuration
/// changed is stopped, and the next invocation starts a new one, as Lambda does after an update.
/// </summary>
internal sealed class SimulatedLambda(string region, string accountId) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _invokeConfigs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LambdaExecutionEnvironment>> _environments = new(StringComparer.Ordinal);
    private readonly HashSet<LambdaExecutionEnvironment> _busy = [];
    private readonly List<LambdaExecutionEnvironment> _retired = [];

    public string FunctionArn(string name) =>
        $"arn:aws:lambda:{region}:{accountId}:function:{name}";

    public bool FunctionExists(string name)
    {
        lock (_lock)
        {
            return _functions.ContainsKey(name);
        }
    }

    public JsonObject? Function(string name)
    {
        lock (_lock)
        {
            return _functions.TryGetValue(name, out var properties) ? (JsonObject)properties.DeepClone() : null;
        }
    }

    public void PutFunction(string name, JsonObject properties)
    {
        lock (_lock)
        {
            _functions[name] = (JsonObject)properties.DeepClone();
        }
    }

    public void RemoveFunction(string name)
    {
        lock (_lock)
        {
            _functions.Remove(name);
            Retire(name);
        }
    }

    public void PutInvokeConfig(string functionName, JsonObject properties)
    {
        lock (_lock)
        {
            _invokeConfigs[functionName] = (JsonObject)properties.DeepClone();
        }
    }

    public void RemoveInvokeConfig(string functionName)
    {
        lock (_lock)
        {
            _invokeConfigs.Remove(functionName);
        }
    }

    public JsonObject? InvokeConfig(string functionName)
    {
        lock (_lock)
        {
            return _invokeConfigs.TryGetValue(functionName, out var properties) ? (JsonObject)properties.DeepClone() : null;
        }
    }

    /// <summary>The function whose environment holds <paramref name="accessKeyId"/>, or null.</summary>
    public string? FunctionOfAccessKey(string accessKeyId)
    {
        lock (_lock)
        {
            return Everything().FirstOrDefault(environment => environment.AccessKeyId == accessKeyId)?.FunctionName;
        }
    }

    /// <summary>
    /// An idle environment running the function's current configuration, started by <paramref name="start"/> when
    /// there is none; it is the caller's until <see cref="Release"/>.
    /// </summary>
    public async Task<LambdaExecutionEnvironment> AcquireAsync(string name, Func<string, JsonObject, Task<LambdaExecutionEnvironment>> start)
    {
        JsonObject properties;
        lock (_lock)
        {
            properties = _functions.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"Function not found: {FunctionArn(name)}");
            var configuration = properties.ToJsonString();
            var environments = EnvironmentsOf(name);
            foreach (var stale in environments.Where(e => !_busy.Contains(e) && (e.Configuration != configuration || e.Runner.HasExited)).ToList())
            {
                Retire(stale);
            }

            var idle = environments.Find(environment => !_busy.Contains(environment));
            if (idle is not null)
            {
                _busy.Add(idle);
                return idle;
            }
        }

        var started = await start(name, properties);
        lock (_lock)
        {
            EnvironmentsOf(name).Add(started);
            _busy.Add(started);
        }

        return started;
    }

    /// <summary>
    /// Gives back an environment after its invocation; one that did not finish the invocation (<paramref name="finished"/>
    /// false), or whose function changed or went meanwhile, is stopped, as Lambda stops an environment that timed out.
    /// </summary>
    public void Release(LambdaExecutionEnvironment environment, bool finished)
    {
        ArgumentNullException.ThrowIfNull(environment);
        lock (_lock)
        {
            _busy.Remove(environment);
            var current = _functions.TryGetValue(environment.FunctionName, out var properties) && properties.ToJsonString() == environment.Configuration;
            if (!finished || !current || environment.Runner.HasExited)
            {
                Retire(environment);
            }
        }
    }

    /// <summary>Every environment ever started, for collecting what their processes said.</summary>
    public IReadOnlyList<LambdaExecutionEnvironment> AllEnvironments
    {
        get
        {
            lock (_lock)
            {
                return [.. Everything()];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var environment in AllEnvironments)
        {
            await environment.DisposeAsync();
        }
    }

    private List<LambdaExecutionEnvironment> EnvironmentsOf(string name)
    {
        if (!_environments.TryGetValue(name, out var environments))
        {
            _environments[name] = environments = [];
        }

        return environments;
    }

    private IEnumerable<LambdaExecutionEnvironment> Everything() => _retired.Concat(_environments.Values.SelectMany(environments => environments));

    /// <summary>Stops taking events in the function's idle environments; busy ones stop when given back. Processes stop when the account is disposed.</summary>
    private void Retire(string name)
    {
        foreach (var environment in EnvironmentsOf(name).Where(environment => !_busy.Contains(environment)).ToList())
        {
            Retire(environment);
        }
    }

    private void Retire(LambdaExecutionEnvironment environment)
    {
        if (EnvironmentsOf(environment.FunctionName).Remove(environment))
        {
            _retired.Add(environment);
            environment.Runtime.AnswerServerErrors();
        }
    }
}
