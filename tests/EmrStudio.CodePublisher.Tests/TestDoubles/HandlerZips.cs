using System.IO.Compression;
using System.Text;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>Release-shaped zips with a stand-in bootstrap, written to a folder the test owns.</summary>
public static class HandlerZips
{
    public const int Executable = 0b111_101_101;

    /// <summary>A zip holding <c>bootstrap</c> with <paramref name="bootstrap"/> as its content and Unix mode <paramref name="mode"/>, plus any <paramref name="otherEntries"/>.</summary>
    public static string Write(string directory, string bootstrap, int mode = Executable, string entryName = "bootstrap", params string[] otherEntries)
    {
        ArgumentNullException.ThrowIfNull(otherEntries);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"handler-{Guid.NewGuid():N}.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { entryName }.Concat(otherEntries))
            {
                var entry = archive.CreateEntry(name);
                entry.ExternalAttributes = (0b1000 << 28) | (mode << 16);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(name == entryName ? bootstrap : name));
            }
        }

        return path;
    }
}
