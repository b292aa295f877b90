using System.Security.Cryptography;
using AuroraTime.CalDav.Feeds;

namespace AuroraTime.Server.Feeds;

/// <summary>
/// The MAC key of feed tokens: from the <c>Feeds:Secret</c> setting, else the file
/// <see cref="FileName"/> in the data folder, created with 32 random bytes and mode 0600 on first use.
/// The server and the CLI may both start first; whichever creates the file wins and the other reads it.
/// </summary>
public static class FeedSecret
{
    public const string FileName = "feed-secret.key";

    /// <exception cref="InvalidOperationException">The configured or stored secret is unusable.</exception>
    public static byte[] Load(string dataFolder, string? configured)
    {
        if (configured is not null)
        {
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Feeds:Secret is not base64.");
            }
            return decoded.Length >= FeedTokens.MinimumSecretBytes
                ? decoded
                : throw new InvalidOperationException($"Feeds:Secret needs at least {FeedTokens.MinimumSecretBytes} bytes.");
        }
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(Path.GetFullPath(dataFolder), FileName);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }
        var stored = File.ReadAllBytes(path);
        return stored.Length >= FeedTokens.MinimumSecretBytes
            ? stored
            : throw new InvalidOperationException($"{path} is shorter than {FeedTokens.MinimumSecretBytes} bytes.");
    }

    private static void TryCreate(string path)
    {
        var secret = RandomNumberGenerator.GetBytes(FeedTokens.MinimumSecretBytes);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, options))
        {
            file.Write(secret);
            file.Flush(flushToDisk: true);
        }
        try
        {
            // Written whole under a temporary name, then moved: a reader never sees a half-written key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // Another process created it first; use theirs.
        }
    }
}
