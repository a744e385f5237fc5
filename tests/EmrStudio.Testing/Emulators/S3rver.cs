namespace EmrStudio.Testing.Emulators;

/// <summary>
/// s3rver, an S3 implementation, on a free loopback port, storing objects in a fresh temporary folder. It speaks S3's
/// REST protocol for buckets and objects (path-style, SigV4 accepted but not verified: any signature by the key
/// <see cref="AccessKeyId"/> passes), stores request bodies as they arrive (it does not decode aws-chunked framing),
/// and answers NotImplemented for bucket policy, Block Public Access, default encryption, ownership controls and
/// versioning.
/// </summary>
public sealed class S3rver : IDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly NodeServer _server;

    private S3rver(NodeServer server, string directory)
    {
        _server = server;
        Directory = directory;
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Where s3rver keeps buckets and objects; removed on dispose.</summary>
    public string Directory { get; }

    public static S3rver Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"s3rver-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            return new S3rver(NodeServer.Start(TestEmulators.Packages, "s3rver.js", directory), directory);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is exiting: the temporary folder is cleaned up by the system.
        }
    }
}
