namespace AuroraTime.Reminders.Email;

/// <summary>
/// Writes each message as an .eml file into a folder (the embedded default, and what a local MTA
/// or a test can pick up). Files appear atomically: written under a temporary name, then renamed.
/// </summary>
public sealed class PickupFolderSender(string folder) : IReminderSender
{
    public string Folder { get; } = folder;

    public async Task<SendReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            Directory.CreateDirectory(Folder);
            var name = Guid.NewGuid().ToString("N");
            var temporary = Path.Combine(Folder, name + ".tmp");
            await File.WriteAllBytesAsync(temporary, message.Content.ToArray(), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path.Combine(Folder, name + ".eml"));
            return SendReceipt.AllAccepted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmailDeliveryException($"cannot write to the pickup folder: {e.Message}", e);
        }
    }
}
