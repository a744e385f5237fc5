namespace EmrStudio.SessionMappingHandler.Platform;

/// <summary>
/// The C library's own environment (getenv/setenv), which native code such as .NET's OpenSSL shim reads. On Unix,
/// <see cref="Environment.SetEnvironmentVariable(string, string?)"/> does not reach it; tests substitute a dictionary.
/// </summary>
internal interface INativeEnvironment
{
    string? Get(string name);

    void Set(string name, string value);
}
