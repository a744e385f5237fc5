using System.Collections.Concurrent;
using EmrStudio.SessionMappingHandler.Platform;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>An <see cref="IEnvironment"/> over a dictionary, so that tests never touch the process environment.</summary>
/// <remarks>Thread-safe: the invocation loop sets <c>_X_AMZN_TRACE_ID</c> while a test reads it.</remarks>
internal sealed class DictionaryEnvironment : IEnvironment
{
    private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

    public DictionaryEnvironment(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            SetVariable(name, value);
        }
    }

    public string? this[string name]
    {
        get => GetVariable(name);
        set => SetVariable(name, value);
    }

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    public void SetVariable(string name, string? value)
    {
        if (value is null)
        {
            _variables.TryRemove(name, out _);
        }
        else
        {
            _variables[name] = value;
        }
    }
}
