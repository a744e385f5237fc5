using EmrStudio.SessionMappingHandler.Helpers;

namespace EmrStudio.SessionMappingHandler.Tests.Fakes;

/// <summary>An <see cref="IEnvironment"/> over a dictionary, so that tests never touch the process environment.</summary>
internal sealed class DictionaryEnvironment(params (string Name, string? Value)[] variables) : IEnvironment
{
    private readonly Dictionary<string, string?> _variables = variables.ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);

    public string? GetVariable(string name) => _variables.GetValueOrDefault(name);

    public void SetVariable(string name, string? value) => _variables[name] = value;
}
