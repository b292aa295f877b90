using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using AuroraTime.Ical.Model;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Feeds;

/// <summary>
/// Reduces one stored object's VEVENTs (master and overrides) to what a feed scope may show. Both
/// reduced scopes keep an allow-list of properties rather than removing known personal ones, so a
/// property nobody thought of (an X- property, a future RFC's) is dropped, not leaked.
/// </summary>
public static class FeedScopeFilter
{
    /// <summary>The text a busy block shows as its SUMMARY.</summary>
    public const string BusySummary = "Busy";

    // RFC 5545 section 3.6.1 properties that only place the event in time or identify it.
    private static readonly FrozenSet<string> BusyProperties = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DTSTAMP", "SEQUENCE");

    // What no-private keeps of a public event: time, identity, title and status; never people, places,
    // notes, links, attachments or vendor extensions.
    private static readonly FrozenSet<string> NoPrivateProperties = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "UID", "DTSTAMP", "SEQUENCE",
        "SUMMARY", "STATUS", "TRANSP", "CLASS", "CREATED", "LAST-MODIFIED", "PRIORITY");

    // Parameters a reduced property keeps: where its time is (RFC 5545 3.2.19 TZID, 3.2.20 VALUE, 3.2.13 RANGE)
    // and the language of a public title (3.2.10). Others can carry data of their own: ALTREP a link
    // (3.2.1), CN a name, X- parameters anything.
    private static readonly FrozenSet<string> KeptParameters = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "TZID", "VALUE", "RANGE", "LANGUAGE");

    /// <summary>
    /// The VEVENTs of <paramref name="vcalendar"/> as <paramref name="scope"/> shows them. Busy-only
    /// leaves out transparent events (they do not block time, RFC 5545 section 3.8.2.7). Reduced events
    /// get a UID derived from the original one and <paramref name="linkSalt"/>: stable across polls,
    /// the same for a master and its overrides, and not revealing the client's UID (often an e-mail address).
    /// </summary>
    public static IEnumerable<CalendarComponent> Apply(CalendarComponent vcalendar, FeedScope scope, string linkSalt)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        ArgumentNullException.ThrowIfNull(linkSalt);
        // Master and overrides share one UID, so when any of them is private the whole series becomes
        // busy blocks; a public override next to a busy master would otherwise reveal the real UID.
        var anyPrivate = scope == FeedScope.NoPrivate && vcalendar.GetComponents("VEVENT").Any(IsPrivate);
        foreach (var vevent in vcalendar.GetComponents("VEVENT"))
        {
            var reduced = scope switch
            {
                FeedScope.Full => vevent,
                FeedScope.BusyOnly => IsTransparent(vevent) ? null : ToBusy(vevent, linkSalt),
                _ => anyPrivate ? ToBusy(vevent, linkSalt) : ToPublic(vevent),
            };
            if (reduced is not null)
            {
                yield return reduced;
            }
        }
    }

    /// <summary>CLASS other than PUBLIC (RFC 5545 section 3.8.1.3: PRIVATE, CONFIDENTIAL, or an unknown value, treated as private).</summary>
    public static bool IsPrivate(CalendarComponent vevent) =>
        vevent.GetProperty("CLASS")?.RawValue is { } value && !value.Trim().Equals("PUBLIC", StringComparison.OrdinalIgnoreCase);

    private static bool IsTransparent(CalendarComponent vevent) =>
        vevent.GetProperty("TRANSP")?.RawValue.Trim().Equals("TRANSPARENT", StringComparison.OrdinalIgnoreCase) == true;

    private static CalendarComponent ToBusy(CalendarComponent vevent, string linkSalt)
    {
        var kept = ImmutableArray.CreateBuilder<CalendarProperty>();
        kept.Add(new CalendarProperty("UID", OpaqueUid(vevent.GetProperty("UID")?.RawValue ?? string.Empty, linkSalt)));
        foreach (var property in vevent.Properties)
        {
            if (BusyProperties.Contains(property.Name))
            {
                kept.Add(WithKeptParameters(property));
            }
        }
        // A cancelled override must stay cancelled, or the master's instance would show as busy.
        if (vevent.GetProperty("STATUS")?.RawValue.Trim().Equals("CANCELLED", StringComparison.OrdinalIgnoreCase) == true)
        {
            kept.Add(new CalendarProperty("STATUS", "CANCELLED"));
        }
        kept.Add(new CalendarProperty("SUMMARY", BusySummary));
        kept.Add(new CalendarProperty("TRANSP", "OPAQUE"));
        return new CalendarComponent("VEVENT", kept.ToImmutable(), []);
    }

    private static CalendarComponent ToPublic(CalendarComponent vevent)
    {
        var kept = vevent.Properties.Where(p => NoPrivateProperties.Contains(p.Name)).Select(WithKeptParameters).ToImmutableArray();
        return new CalendarComponent("VEVENT", kept, [], vevent.Line);
    }

    private static CalendarProperty WithKeptParameters(CalendarProperty property)
    {
        foreach (var parameter in property.Parameters)
        {
            if (!KeptParameters.Contains(parameter.Name))
            {
                return new CalendarProperty(property.Name, property.Parameters.Where(p => KeptParameters.Contains(p.Name)).ToImmutableArray(),
                    property.RawValue, property.Line);
            }
        }
        return property; // the common case: nothing to drop, no copy
    }

    private static string OpaqueUid(string uid, string linkSalt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(linkSalt + "\0" + uid));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "@busy.aurora";
    }
}
