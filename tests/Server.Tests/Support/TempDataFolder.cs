namespace AuroraTime.Server.Tests.Support;

/// <summary>A fresh data folder under the temp directory, deleted afterwards.</summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aurora-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle still closing on another thread; the OS temp cleaner gets it.
        }
    }
}
