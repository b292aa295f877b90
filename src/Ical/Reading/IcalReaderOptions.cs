namespace AuroraTime.Ical.Reading;

/// <summary>
/// How forgiving <see cref="IcalReader"/> and <see cref="CalendarParser"/> are. <see cref="Strict"/>
/// follows RFC 5545 to the letter and says precisely where input departs from it;
/// <see cref="Lenient"/> accepts what real producers emit (see <see cref="IsLenient"/>).
/// </summary>
public sealed class IcalReaderOptions
{
    /// <summary>RFC 5545 as written: CRLF only, lines of at most 75 octets, upper-case names, VERSION present.</summary>
    public static IcalReaderOptions Strict { get; } = new() { IsLenient = false };

    /// <summary>Accepts the quirks of real producers (Outlook, Thunderbird, Evolution, Apple, Google).</summary>
    public static IcalReaderOptions Lenient { get; } = new() { IsLenient = true };

    /// <summary>
    /// When true the reader accepts LF-only or bare-CR line ends, a UTF-8 byte order mark, lower-case
    /// names (normalised to upper case), a VCALENDAR without VERSION, lines longer than 75 octets,
    /// quoted TZID parameters, trailing spaces in TZID values, <c>DURATION:PT0S</c> next to DTEND
    /// (the DURATION is dropped), empty lines, top-level components other than VCALENDAR and
    /// invalid UTF-8 (decoded as U+FFFD).
    /// </summary>
    public bool IsLenient { get; init; }

    /// <summary>Deepest component nesting accepted; real data nests at most 4 deep (VCALENDAR/VTIMEZONE/STANDARD...).</summary>
    public int MaxDepth { get; init; } = 32;
}
