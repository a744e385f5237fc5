using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Lambda;

/// <summary>
/// The account's Lambda as the stacks made it: functions and their event invoke configs by function name, and the
/// execution environments that run them. An environment whose function's configuration changed is stopped, and
/// the next invocation starts a new one, as Lambda does after an update.
/// </summary>
internal sealed class SimulatedLambda(string region, string accountId) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _invokeConfigs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LambdaExecutionEnvironment> _environments = new(StringComparer.Ordinal);
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
            return _environments.Values.Concat(_retired).FirstOrDefault(environment => environment.AccessKeyId == accessKeyId)?.FunctionName;
        }
    }

    /// <summary>The running environment for the function's current configuration, started by <paramref name="start"/> when there is none.</summary>
    public async Task<LambdaExecutionEnvironment> EnvironmentAsync(string name, Func<string, JsonObject, Task<LambdaExecutionEnvironment>> start)
    {
        JsonObject properties;
        lock (_lock)
        {
            properties = _functions.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"Function not found: {FunctionArn(name)}");
            if (_environments.TryGetValue(name, out var running))
            {
                if (running.Configuration == properties.ToJsonString() && !running.Runner.HasExited)
                {
                    return running;
                }

                Retire(name);
            }
        }

        var environment = await start(name, properties);
        lock (_lock)
        {
            _environments[name] = environment;
        }

        return environment;
    }

    /// <summary>Every environment ever started, for collecting what their processes said.</summary>
    public IReadOnlyList<LambdaExecutionEnvironment> AllEnvironments
    {
        get
        {
            lock (_lock)
            {
                return [.. _retired, .. _environments.Values];
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

    /// <summary>Stops taking events in the function's environment; its process is stopped when the account is disposed.</summary>
    private void Retire(string name)
    {
        if (_environments.Remove(name, out var environment))
        {
            _retired.Add(environment);
            environment.Runtime.AnswerServerErrors();
        }
    }
}
