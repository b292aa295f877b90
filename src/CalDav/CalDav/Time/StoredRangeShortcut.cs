using AuroraTime.Ical;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Time;

/// <summary>
/// Settles an RFC 4791 section 9.9 time-range test from what the store already holds, without
/// building the object's tree: when every instance certainly lies inside the range, the object matches.
/// Anything this cannot settle is left to the exact test (it only ever answers "certainly matches").
/// </summary>
internal static class StoredRangeShortcut
{
    /// <summary>
    /// The stored bounds enclose every instance of the object (and its alarms), widened for floating
    /// times (<see cref="ObjectContent"/>). When they lie in (start, end), each instance starts after the
    /// start and before the end, which is an overlap for every VEVENT row of the RFC 4791 section 9.9
    /// table. The start is exclusive because of the DTEND row, (start &lt; DTEND AND end &gt; DTSTART):
    /// an event with DTEND = DTSTART exactly at the start does not match. An open side of the range
    /// (no start or no end) holds any bound.
    /// </summary>
    public static bool BoundsLieInside(ObjectSummary summary, Instant? start, Instant? end) =>
        summary.FirstOccurrence is { } first && summary.LastOccurrence is { } last
        && (start is not { } s || first > s) && (end is not { } e || last < e);

    /// <summary>
    /// Whether the object certainly has an instance of a <paramref name="componentName"/> component: it
    /// has at least one, directly inside VCALENDAR, and none of them carries a recurrence property. A
    /// series can lose every instance to EXDATEs (RFC 5545 section 3.8.5.1 applies EXDATE to DTSTART as
    /// well), and an override is judged with its master, so RRULE, RDATE, EXDATE, EXRULE and
    /// RECURRENCE-ID all leave the answer to the exact test. VTIMEZONE rules (RRULE/RDATE inside
    /// STANDARD/DAYLIGHT) are not the object's recurrence and are skipped by depth. The scan runs the
    /// tokenizer only (it allocates nothing); content it cannot read answers false.
    /// </summary>
    public static bool HasOnlySingleInstances(ReadOnlySpan<byte> data, string componentName)
    {
        Span<byte> name = stackalloc byte[componentName.Length];
        for (var i = 0; i < componentName.Length; i++)
        {
            name[i] = (byte)char.ToUpperInvariant(componentName[i]);
        }
        var reader = new IcalReader(data, IcalReaderOptions.Lenient);
        try
        {
            var found = false;
            var inside = false; // in a component of that name directly under VCALENDAR
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case IcalTokenType.BeginComponent when reader.CurrentDepth == 2 && reader.NameSpan.SequenceEqual(name):
                        found = inside = true;
                        break;
                    case IcalTokenType.EndComponent when reader.CurrentDepth == 1:
                        inside = false;
                        break;
                    case IcalTokenType.Property when inside && reader.CurrentDepth == 2 && IsRecurrenceProperty(reader.NameSpan):
                        return false;
                }
            }
            return found;
        }
        catch (IcalFormatException)
        {
            return false;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>RRULE, RDATE, EXDATE, EXRULE or RECURRENCE-ID: a name that makes a component part of a recurrence set.</summary>
    internal static bool IsRecurrenceProperty(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("RRULE"u8) || name.SequenceEqual("RDATE"u8) || name.SequenceEqual("EXDATE"u8)
        || name.SequenceEqual("EXRULE"u8) || name.SequenceEqual("RECURRENCE-ID"u8);
}
