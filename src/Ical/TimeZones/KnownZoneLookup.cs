using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;
using NodaTime.TimeZones.Cldr;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Finds a built-in zone for the TZID spellings real calendar files carry. Pure and cached: the same
/// text always gives the same zone, so one shared instance serves every request thread.
/// </summary>
internal sealed class KnownZoneLookup
{
    // Prefixes some producers put before an IANA id ("/mozilla.org/20050126_1/Europe/Berlin"); a
    // leading "/" is RFC 5545's own mark for a globally unique TZID (section 3.2.19).
    private const char UniquePrefixMark = '/';

    private const int MaxCachedNames = 10_000;

    private static readonly string[] UtcAliases = ["UTC", "GMT", "Z", "UT", "Zulu", "Etc/UTC", "Etc/GMT", "Universal"];

    private readonly IDateTimeZoneProvider _provider;
    private readonly FrozenDictionary<string, string> _ianaIds;
    private readonly FrozenDictionary<string, string> _windowsIds;
    private readonly FrozenDictionary<string, string> _ianaByLastSegment;
    private readonly ConcurrentDictionary<string, DateTimeZone?> _cache = new(StringComparer.Ordinal);

    public KnownZoneLookup(IDateTimeZoneProvider provider, WindowsZones windowsZones)
    {
        _provider = provider;
        _ianaIds = provider.Ids.ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);
        // PrimaryMapping is CLDR's territory "001" row: the one zone that stands for each Windows id.
        _windowsIds = windowsZones.PrimaryMapping
            .Where(pair => _ianaIds.ContainsKey(pair.Value))
            .ToFrozenDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        // Only unambiguous city names ("Berlin" -> Europe/Berlin) serve the display-name fallback.
        _ianaByLastSegment = provider.Ids
            .Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .GroupBy(id => id[(id.LastIndexOf('/') + 1)..].Replace('_', ' '), StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() == 1)
            .ToFrozenDictionary(group => group.Key, group => group.Single(), StringComparer.OrdinalIgnoreCase);
    }

    public static KnownZoneLookup Default { get; } =
        new(DateTimeZoneProviders.Tzdb, TzdbDateTimeZoneSource.Default.WindowsMapping);

    /// <summary>The built-in zone for <paramref name="tzid"/>, or null when no rule recognises it.</summary>
    public DateTimeZone? Find(string tzid)
    {
        if (_cache.TryGetValue(tzid, out var cached))
        {
            return cached;
        }
        var zone = Lookup(tzid);
        // TZIDs come from uploaded data: cap the cache so junk names cannot grow it without end.
        if (_cache.Count < MaxCachedNames)
        {
            _cache.TryAdd(tzid, zone);
        }
        return zone;
    }

    private DateTimeZone? Lookup(string raw)
    {
        var tzid = Clean(raw);
        if (tzid.Length == 0)
        {
            return null;
        }
        if (Exact(tzid) is { } exact)
        {
            return exact;
        }
        if (UtcAliases.Contains(tzid, StringComparer.OrdinalIgnoreCase))
        {
            return DateTimeZone.Utc;
        }
        if (WithoutUniquePrefix(tzid) is { } prefixed)
        {
            return prefixed;
        }
        if (OutlookDisplayNames.LooksLikeDisplayName(tzid))
        {
            return FromDisplayName(tzid);
        }
        return null;
    }

    /// <summary>An IANA id or a Windows id, either in any letter case.</summary>
    private DateTimeZone? Exact(string tzid)
    {
        if (_ianaIds.TryGetValue(tzid, out var iana))
        {
            return _provider[iana];
        }
        return _windowsIds.TryGetValue(tzid, out var mapped) ? _provider[mapped] : null;
    }

    /// <summary>
    /// "/mozilla.org/20050126_1/Europe/Berlin", "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin",
    /// "/softwarestudio.org/Olson_20011030_5/America/New_York": the longest tail that is an IANA id.
    /// Only for a leading "/" or a domain-like first segment, so that a plain unknown name such as
    /// "Custom/UTC" is not silently taken for UTC.
    /// </summary>
    private DateTimeZone? WithoutUniquePrefix(string tzid)
    {
        var segments = tzid.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefixed = tzid[0] == UniquePrefixMark || (segments.Length > 1 && segments[0].Contains('.'));
        if (!prefixed)
        {
            return null;
        }
        for (var skip = tzid[0] == UniquePrefixMark ? 0 : 1; skip < segments.Length; skip++)
        {
            var tail = string.Join('/', segments[skip..]);
            if (Exact(tail) is { } zone)
            {
                return zone;
            }
        }
        return null;
    }

    /// <summary>
    /// The table of Outlook display names first; else the first listed place that is the city of
    /// exactly one IANA zone whose standard offset matches the "(UTC±hh:mm)" part.
    /// </summary>
    private DateTimeZone? FromDisplayName(string tzid)
    {
        if (OutlookDisplayNames.FindWindowsId(tzid) is { } windowsId && Exact(windowsId) is { } zone)
        {
            return zone;
        }
        if (OutlookDisplayNames.Split(tzid) is not { } split)
        {
            return null;
        }
        foreach (var place in split.Places)
        {
            if (_ianaByLastSegment.TryGetValue(place, out var id)
                && HasStandardOffset(_provider[id], Offset.FromSeconds(split.OffsetSeconds)))
            {
                return _provider[id];
            }
        }
        return null;
    }

    // A fixed reference date keeps the answer independent of the clock.
    private static readonly Instant StandardOffsetReference = Instant.FromUtc(2025, 1, 15, 0, 0);

    private static bool HasStandardOffset(DateTimeZone zone, Offset offset) =>
        zone.GetZoneInterval(StandardOffsetReference).StandardOffset == offset
        || zone.GetZoneInterval(StandardOffsetReference.Plus(Duration.FromDays(181))).StandardOffset == offset;

    /// <summary>Surrounding spaces and quotes, which some producers keep from the parameter syntax.</summary>
    internal static string Clean(string tzid)
    {
        var text = tzid.Trim();
        while (text.Length >= 2 && ((text[0] == '"' && text[^1] == '"') || (text[0] == '\'' && text[^1] == '\'')))
        {
            text = text[1..^1].Trim();
        }
        return text;
    }
}
