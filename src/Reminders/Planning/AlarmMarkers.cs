namespace AuroraTime.Reminders.Planning;

/// <summary>
/// A byte scan that tells whether an iCalendar object can plan any reminder at all: <see cref="AlarmPlanner"/>
/// plans only VALARM components and Thunderbird's X-MOZ-SNOOZE-TIME properties, so an object naming neither
/// plans nothing. Lets a write without alarms skip the owner lookup and a second parse of the body.
/// Names are matched ASCII case-insensitively (RFC 5545 section 2) and across line folds (section 3.1:
/// a CRLF followed by one space or tab may split a line anywhere, even inside a name).
/// </summary>
public static class AlarmMarkers
{
    public static bool MayPlan(ReadOnlySpan<byte> icalendar) =>
        ContainsUnfolded(icalendar, "VALARM"u8) || ContainsUnfolded(icalendar, "X-MOZ-SNOOZE-TIME"u8);

    /// <summary>
    /// Whether the unfolded text contains <paramref name="upperName"/> in any letter case. Restarting at the
    /// mismatching byte is exact for names whose first byte does not occur again inside them, as for both above.
    /// </summary>
    internal static bool ContainsUnfolded(ReadOnlySpan<byte> text, ReadOnlySpan<byte> upperName)
    {
        var matched = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (IsFoldAt(text, i, out var foldLength))
            {
                i += foldLength - 1;
                continue;
            }
            var upper = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
            matched = upper == upperName[matched] ? matched + 1 : upper == upperName[0] ? 1 : 0;
            if (matched == upperName.Length)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsFoldAt(ReadOnlySpan<byte> text, int i, out int length)
    {
        // CRLF + WSP, and the bare LF + WSP that the lenient reader also unfolds.
        length = text[i] == '\r' && i + 2 < text.Length && text[i + 1] == '\n' && IsSpaceOrTab(text[i + 2]) ? 3
            : text[i] == '\n' && i + 1 < text.Length && IsSpaceOrTab(text[i + 1]) ? 2
            : 0;
        return length > 0;
    }

    private static bool IsSpaceOrTab(byte b) => b is (byte)' ' or (byte)'\t';
}
