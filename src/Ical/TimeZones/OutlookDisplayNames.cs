using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// Outlook and Exchange write a Windows zone's display name as the TZID, e.g.
/// <c>(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna</c> (older versions "(GMT+01:00)").
/// This maps the common ones to their Windows zone id, whose CLDR mapping then gives the IANA zone.
/// </summary>
internal static partial class OutlookDisplayNames
{
    // Display names as Windows lists them (some in their older wording too), with the Windows id.
    // Only names that denote exactly one Windows zone are here, so the mapping is deterministic.
    // "(UTC)", "(UTC+00:00)" and "(GMT)" compare equal (see Key), so each such name is listed once.
    private static readonly (string DisplayName, string WindowsId)[] Table =
    [
        ("(UTC-12:00) International Date Line West", "Dateline Standard Time"),
        ("(UTC-11:00) Coordinated Universal Time-11", "UTC-11"),
        ("(UTC-10:00) Hawaii", "Hawaiian Standard Time"),
        ("(UTC-09:00) Alaska", "Alaskan Standard Time"),
        ("(UTC-08:00) Pacific Time (US & Canada)", "Pacific Standard Time"),
        ("(UTC-08:00) Pacific Time (US & Canada); Tijuana", "Pacific Standard Time"),
        ("(UTC-07:00) Arizona", "US Mountain Standard Time"),
        ("(UTC-07:00) Mountain Time (US & Canada)", "Mountain Standard Time"),
        ("(UTC-06:00) Central Time (US & Canada)", "Central Standard Time"),
        ("(UTC-06:00) Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"),
        ("(UTC-06:00) Saskatchewan", "Canada Central Standard Time"),
        ("(UTC-05:00) Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"),
        ("(UTC-05:00) Bogota, Lima, Quito", "SA Pacific Standard Time"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "Eastern Standard Time"),
        ("(UTC-05:00) Indiana (East)", "US Eastern Standard Time"),
        ("(UTC-04:00) Atlantic Time (Canada)", "Atlantic Standard Time"),
        ("(UTC-04:00) Santiago", "Pacific SA Standard Time"),
        ("(UTC-03:30) Newfoundland", "Newfoundland Standard Time"),
        ("(UTC-03:00) Brasilia", "E. South America Standard Time"),
        ("(UTC-03:00) City of Buenos Aires", "Argentina Standard Time"),
        ("(UTC-03:00) Buenos Aires", "Argentina Standard Time"),
        ("(UTC) Coordinated Universal Time", "UTC"),
        ("(UTC) Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(UTC+00:00) Monrovia, Reykjavik", "Greenwich Standard Time"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"),
        ("(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"),
        ("(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"),
        ("(UTC+01:00) West Central Africa", "W. Central Africa Standard Time"),
        ("(UTC+02:00) Athens, Bucharest", "GTB Standard Time"),
        ("(UTC+02:00) Athens, Bucharest, Istanbul", "GTB Standard Time"),
        ("(UTC+02:00) Cairo", "Egypt Standard Time"),
        ("(UTC+02:00) Harare, Pretoria", "South Africa Standard Time"),
        ("(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("(UTC+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("(UTC+02:00) Jerusalem", "Israel Standard Time"),
        ("(UTC+03:00) Istanbul", "Turkey Standard Time"),
        ("(UTC+03:00) Kuwait, Riyadh", "Arab Standard Time"),
        ("(UTC+03:00) Moscow, St. Petersburg", "Russian Standard Time"),
        ("(UTC+03:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
        ("(UTC+03:00) Nairobi", "E. Africa Standard Time"),
        ("(UTC+03:30) Tehran", "Iran Standard Time"),
        ("(UTC+04:00) Abu Dhabi, Muscat", "Arabian Standard Time"),
        ("(UTC+05:00) Islamabad, Karachi", "Pakistan Standard Time"),
        ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"),
        ("(UTC+05:45) Kathmandu", "Nepal Standard Time"),
        ("(UTC+06:00) Dhaka", "Bangladesh Standard Time"),
        ("(UTC+07:00) Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"),
        ("(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"),
        ("(UTC+08:00) Kuala Lumpur, Singapore", "Singapore Standard Time"),
        ("(UTC+08:00) Perth", "W. Australia Standard Time"),
        ("(UTC+08:00) Taipei", "Taipei Standard Time"),
        ("(UTC+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time"),
        ("(UTC+09:00) Seoul", "Korea Standard Time"),
        ("(UTC+09:30) Adelaide", "Cen. Australia Standard Time"),
        ("(UTC+09:30) Darwin", "AUS Central Standard Time"),
        ("(UTC+10:00) Brisbane", "E. Australia Standard Time"),
        ("(UTC+10:00) Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"),
        ("(UTC+10:00) Hobart", "Tasmania Standard Time"),
        ("(UTC+12:00) Auckland, Wellington", "New Zealand Standard Time"),
        ("(UTC+13:00) Nuku'alofa", "Tonga Standard Time"),
    ];

    private static readonly FrozenDictionary<string, string> ByKey =
        Table.ToFrozenDictionary(entry => Key(entry.DisplayName)!, entry => entry.WindowsId, StringComparer.Ordinal);

    /// <summary>True when the text has the "(UTC±hh:mm) places" shape at all.</summary>
    public static bool LooksLikeDisplayName(string text) => Shape().IsMatch(text);

    /// <summary>The Windows zone id for a known display name, or null.</summary>
    public static string? FindWindowsId(string text) =>
        Key(text) is { } key && ByKey.TryGetValue(key, out var id) ? id : null;

    /// <summary>
    /// The places listed after the offset ("Amsterdam", "Berlin", ...), and the offset in seconds,
    /// for the fallback that looks a place up among IANA zone names.
    /// </summary>
    public static (int OffsetSeconds, IReadOnlyList<string> Places)? Split(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var places = match.Groups["places"].Value
            .Split([',', ';', ':'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (OffsetSeconds(match), places);
    }

    /// <summary>
    /// A comparison key: the offset as seconds plus the places in lower case with single spaces, so
    /// "(GMT+01:00)" and "(UTC+01:00)" and spacing differences land on the same entry.
    /// </summary>
    private static string? Key(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var places = new StringBuilder();
        foreach (var word in match.Groups["places"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            places.Append(places.Length > 0 ? " " : string.Empty).Append(word.ToLowerInvariant());
        }
        return $"{OffsetSeconds(match)}|{places.Replace(" ,", ",")}";
    }

    private static int OffsetSeconds(Match match)
    {
        if (!match.Groups["sign"].Success)
        {
            return 0;
        }
        var seconds = (int.Parse(match.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture) * 3600)
            + (int.Parse(match.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) * 60);
        return match.Groups["sign"].Value == "-" ? -seconds : seconds;
    }

    [GeneratedRegex(@"^\(\s*(?:UTC|GMT)\s*(?:(?<sign>[+-])(?<h>\d{1,2}):?(?<m>\d{2}))?\s*\)\s*(?<places>.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
