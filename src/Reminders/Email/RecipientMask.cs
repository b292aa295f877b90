namespace AuroraTime.Reminders.Email;

/// <summary>
/// Addresses as logs and failure records show them: the first character of the local part and the
/// domain ("b…@example.org"), enough to tell recipients apart without spelling them out. Reminder logs
/// carry no addresses otherwise (Log), and a relay's reply often echoes the address it refuses.
/// </summary>
public static class RecipientMask
{
    public static string Mask(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at <= 0 ? "…" : string.Concat(address.AsSpan(0, 1), "…", address.AsSpan(at));
    }

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="address"/> masked (case-insensitive, as relays may change case).</summary>
    public static string Scrub(string text, string address)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(address) ? text : text.Replace(address, Mask(address), StringComparison.OrdinalIgnoreCase);
    }
}
