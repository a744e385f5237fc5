using System.IO.Compression;
using System.Security.Cryptography;
using EmrStudio.CodePublisher.Inputs;

namespace EmrStudio.CodePublisher.Code;

/// <summary>
/// The handler's release zip, checked to be what Lambda's provided.al2023 runtime runs: one entry, <c>bootstrap</c>,
/// at the root, readable and executable by every user (Lambda runs it as a user other than the file's owner).
/// </summary>
internal sealed class HandlerZip
{
    public const string EntryName = "bootstrap";

    private const int UnixModeShift = 16;
    private const int ReadAndExecuteForAll = 0b101_101_101;

    private HandlerZip(string path, byte[] bytes, string bootstrapSha256Hex)
    {
        Path = path;
        Bytes = bytes;
        BootstrapSha256Hex = bootstrapSha256Hex;
        ZipSha256 = SHA256.HashData(bytes);
        Key = CodeKey.ForBootstrapSha256(bootstrapSha256Hex);
    }

    public string Path { get; }

    /// <summary>The archive as uploaded (release zips are about 4 MiB, so it is held in memory once for every region).</summary>
    public byte[] Bytes { get; }

    public string BootstrapSha256Hex { get; }

    /// <summary>The archive's own SHA-256: what S3 verifies the upload against and what marks an object as this archive.</summary>
    public byte[] ZipSha256 { get; }

    public string ZipSha256Hex => Convert.ToHexStringLower(ZipSha256);

    public string ZipSha256Base64 => Convert.ToBase64String(ZipSha256);

    /// <summary>The object key, from <see cref="CodeKey"/>.</summary>
    public string Key { get; }

    /// <summary>Reads and checks the zip at <paramref name="path"/>; an unusable file is an <see cref="InvalidInputException"/>.</summary>
    public static HandlerZip Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"--zip: cannot read '{path}': {exception.Message} Build it with build/package-handler.sh.");
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = archive.Entries.Select(entry => entry.FullName).ToList();
            var bootstrap = archive.Entries.FirstOrDefault(entry => entry.FullName == EntryName)
                ?? throw new InvalidInputException(
                    $"--zip: '{path}' has no '{EntryName}' at its root (it holds: {Describe(names)}). Lambda's custom runtime starts the file named bootstrap at the root of the zip; build it with build/package-handler.sh.");
            if (names.Count != 1)
            {
                throw new InvalidInputException(
                    $"--zip: '{path}' holds more than '{EntryName}' ({Describe(names)}). The code key names the bootstrap's content only, so the zip must hold nothing else; build it with build/package-handler.sh.");
            }

            var mode = (bootstrap.ExternalAttributes >> UnixModeShift) & 0b111_111_111;
            if ((mode & ReadAndExecuteForAll) != ReadAndExecuteForAll)
            {
                throw new InvalidInputException(
                    $"--zip: '{EntryName}' in '{path}' has Unix mode {Convert.ToString(mode, 8).PadLeft(4, '0')}; Lambda runs it as another user, so it needs read and execute for everyone (0755). Build the zip on Linux with build/package-handler.sh.");
            }

            using var content = bootstrap.Open();
            var bootstrapSha256Hex = Convert.ToHexStringLower(SHA256.HashData(content));
            return new HandlerZip(path, bytes, bootstrapSha256Hex);
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidInputException($"--zip: '{path}' is not a readable zip archive: {exception.Message}");
        }
    }

    private static string Describe(List<string> names) =>
        names.Count == 0 ? "no entries" : string.Join(", ", names.Take(5)) + (names.Count > 5 ? $", and {names.Count - 5} more" : string.Empty);
}
