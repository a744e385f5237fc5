using EmrStudio.SessionMappingHandler.Platform;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>An <see cref="INativeEnvironment"/> over a dictionary, so that tests never change the test host's own environment.</summary>
internal sealed class DictionaryNativeEnvironment(params (string Name, string Value)[] variables) : INativeEnvironment
{
    private readonly Dictionary<string, string> _variables = variables.ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);

    public string? Get(string name) => _variables.GetValueOrDefault(name);

    public void Set(string name, string value) => _variables[name] = value;
}
