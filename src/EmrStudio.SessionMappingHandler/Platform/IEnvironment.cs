namespace EmrStudio.SessionMappingHandler.Platform;

/// <summary>Reads environment variables; tests substitute a dictionary.</summary>
internal interface IEnvironment
{
    string? GetVariable(string name);

    void SetVariable(string name, string? value);
}
