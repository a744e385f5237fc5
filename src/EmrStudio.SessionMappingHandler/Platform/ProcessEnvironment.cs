namespace EmrStudio.SessionMappingHandler.Platform;

internal sealed class ProcessEnvironment : IEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public void SetVariable(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
