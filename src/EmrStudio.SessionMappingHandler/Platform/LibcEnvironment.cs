using System.Runtime.InteropServices;

namespace EmrStudio.SessionMappingHandler.Platform;

/// <summary>
/// getenv/setenv of libc. setenv is not thread-safe against concurrent getenv: call <see cref="Set"/> only at the very
/// start of Main, before any other thread can read the environment.
/// </summary>
internal sealed partial class LibcEnvironment : INativeEnvironment
{
    private const string Libc = "libc";

    public static LibcEnvironment Instance { get; } = new();

    public string? Get(string name) => Marshal.PtrToStringUTF8(GetEnv(name));

    public void Set(string name, string value)
    {
        if (SetEnv(name, value, overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Libc, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Libc, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
