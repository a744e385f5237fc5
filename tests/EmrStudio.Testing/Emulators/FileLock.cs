namespace EmrStudio.Testing.Emulators;

/// <summary>An exclusive, cross-process lock on a file (FileShare.None is an OS-level lock on Linux too), held until disposed.</summary>
public static class FileLock
{
    public static FileStream Acquire(string path, TimeSpan timeout)
    {
        var giveUpAt = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                // Another process holds it; its work (an install, a publish) takes seconds to minutes.
                Thread.Sleep(200);
            }
        }
    }
}
