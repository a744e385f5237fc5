namespace EmrStudio.Testing.Tools;

/// <summary>An exclusive, cross-process lock on a file (FileShare.None is an OS-level lock on Linux too), held until disposed.</summary>
public static class FileLock
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    /// <param name="path">The lock file; created when missing.</param>
    /// <param name="timeout">How long to wait for another process before giving up with its IOException.</param>
    /// <param name="waiting">Called once, when the lock is found taken, so that a long wait can be reported.</param>
    public static FileStream Acquire(string path, TimeSpan timeout, Action? waiting = null)
    {
        var giveUpAt = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                if (!told)
                {
                    told = true;
                    waiting?.Invoke();
                }

                // Another process holds it; its work (an install, a publish) takes seconds to minutes.
                Thread.Sleep(RetryInterval);
            }
        }
    }
}
