using System.Collections.Concurrent;
using EmrStudio.SessionMappingHandler.Helpers;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>An environment made of a dictionary, so that tests never touch the process's variables.</summary>
internal sealed class DictionaryEnvironment : IEnvironment
{
    private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

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
