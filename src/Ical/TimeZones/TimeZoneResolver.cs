using System.Collections.Concurrent;
using System.Collections.Frozen;
using AuroraTime.Ical.Model;
using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Answers "which zone does this TZID mean" (RFC 5545 section 3.2.19) for the server. Built-in zones
/// come from NodaTime's embedded tzdb: IANA ids, Windows ids through CLDR's mapping, and the lenient
/// spellings clients write (quotes, spaces, "/mozilla.org/..." prefixes, Outlook display names,
/// "UTC"/"GMT"/"Z"). <see cref="WithCalendar"/> adds the VTIMEZONEs a calendar carries. Immutable and
/// thread-safe; lookups of built-in zones are cached process-wide.
/// </summary>
public sealed class TimeZoneResolver
{
    private readonly KnownZoneLookup _known;
    private readonly FrozenDictionary<string, DateTimeZone> _fromCalendar;

    private TimeZoneResolver(KnownZoneLookup known, FrozenDictionary<string, DateTimeZone> fromCalendar)
    {
        _known = known;
        _fromCalendar = fromCalendar;
    }

    /// <summary>Built-in zones only.</summary>
    public static TimeZoneResolver Default { get; } =
        new(KnownZoneLookup.Default, FrozenDictionary<string, DateTimeZone>.Empty);

    /// <summary>The zone <paramref name="tzid"/> denotes, or null when neither a built-in zone nor a
    /// VTIMEZONE of the calendar (see <see cref="WithCalendar"/>) defines it.</summary>
    public DateTimeZone? Find(string tzid)
    {
        if (string.IsNullOrWhiteSpace(tzid))
        {
            return null;
        }
        if (_fromCalendar.Count > 0
            && (_fromCalendar.TryGetValue(tzid, out var custom)
                || _fromCalendar.TryGetValue(KnownZoneLookup.Clean(tzid), out custom)))
        {
            return custom;
        }
        return _known.Find(tzid);
    }

    /// <summary>
    /// A resolver that also knows the VTIMEZONEs of <paramref name="vcalendar"/>.
    /// </summary>
    /// <remarks>
    /// <para>The rule: a TZID that names a built-in zone keeps the built-in zone, and the calendar's
    /// VTIMEZONE is used only for TZIDs no built-in zone answers to. Clients ship truncated
    /// definitions: Outlook and many generators emit only the current year's rule with a DTSTART in
    /// 1601 or 1970, so the data's VTIMEZONE is wrong for past years and for any rule change, while
    /// tzdb knows the real history and future. RFC 7809 lets servers rely on standard zones the
    /// same way.</para>
    /// <para>The one exception is when only the data makes sense: when some offset the VTIMEZONE
    /// declares (a TZOFFSETTO) never occurs in the built-in zone between 1900 and 2100, the data
    /// describes some other zone under a borrowed name and is used.</para>
    /// <para>Lenient: a VTIMEZONE that cannot be read (missing or malformed properties) is skipped, so
    /// its TZID stays unknown (and <see cref="TimeExtensions.ToInstant"/> falls back to the floating
    /// zone); a calendar validator reports such data separately. With repeated TZIDs the first wins.</para>
    /// </remarks>
    public TimeZoneResolver WithCalendar(CalendarComponent vcalendar)
    {
        ArgumentNullException.ThrowIfNull(vcalendar);
        var zones = new Dictionary<string, DateTimeZone>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in _fromCalendar)
        {
            zones[key] = value;
        }
        var added = false;
        foreach (var vtimezone in vcalendar.GetComponents("VTIMEZONE"))
        {
            var tzid = vtimezone.GetProperty("TZID")?.RawValue.Trim();
            if (string.IsNullOrEmpty(tzid) || zones.ContainsKey(tzid))
            {
                continue;
            }
            var known = _known.Find(tzid);
            if (known is not null && !OnlyTheDataMakesSense(vtimezone, known))
            {
                continue;
            }
            try
            {
                zones[tzid] = VTimeZoneReader.FromComponent(vtimezone);
                added = true;
            }
            catch (IcalFormatException)
            {
                // Skipped on purpose, see remarks.
            }
        }
        return added ? new TimeZoneResolver(_known, zones.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)) : this;
    }

    private static readonly Instant EarliestCheckedInstant = Instant.FromUtc(1900, 1, 1, 0, 0);
    private static readonly Instant LatestCheckedInstant = Instant.FromUtc(2100, 1, 1, 0, 0);

    // The wall offsets each built-in zone uses in 1900-2100, computed once per zone: WithCalendar
    // runs for every calendar object a request touches.
    private static readonly ConcurrentDictionary<string, FrozenSet<Offset>> OffsetsInUse = new(StringComparer.Ordinal);

    private static bool OnlyTheDataMakesSense(CalendarComponent vtimezone, DateTimeZone known)
    {
        var declared = new HashSet<Offset>();
        foreach (var observance in vtimezone.Components)
        {
            if (observance.GetProperty("TZOFFSETTO") is not { } offsetTo)
            {
                continue;
            }
            try
            {
                declared.Add(ObservanceValues.ParseUtcOffset(offsetTo.RawValue, offsetTo));
            }
            catch (IcalFormatException)
            {
                return false; // unreadable data cannot be the only thing that makes sense
            }
        }
        var used = OffsetsInUse.GetOrAdd(known.Id, _ => known
            .GetZoneIntervals(EarliestCheckedInstant, LatestCheckedInstant)
            .Select(interval => interval.WallOffset)
            .ToFrozenSet());
        return declared.Count > 0 && !declared.IsSubsetOf(used);
    }
}
