using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>The two-letter weekday codes of RFC 5545 section 3.3.10 ("weekday").</summary>
internal static class WeekdayCodes
{
    public static string Format(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "MO",
        IsoDayOfWeek.Tuesday => "TU",
        IsoDayOfWeek.Wednesday => "WE",
        IsoDayOfWeek.Thursday => "TH",
        IsoDayOfWeek.Friday => "FR",
        IsoDayOfWeek.Saturday => "SA",
        IsoDayOfWeek.Sunday => "SU",
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, "Not an ISO day of the week."),
    };

    /// <summary>Parses a code case-insensitively (real producers sometimes write lower case).</summary>
    public static bool TryParse(ReadOnlySpan<char> code, out IsoDayOfWeek day)
    {
        day = IsoDayOfWeek.None;
        if (code.Length != 2)
        {
            return false;
        }
        char a = char.ToUpperInvariant(code[0]);
        char b = char.ToUpperInvariant(code[1]);
        day = (a, b) switch
        {
            ('M', 'O') => IsoDayOfWeek.Monday,
            ('T', 'U') => IsoDayOfWeek.Tuesday,
            ('W', 'E') => IsoDayOfWeek.Wednesday,
            ('T', 'H') => IsoDayOfWeek.Thursday,
            ('F', 'R') => IsoDayOfWeek.Friday,
            ('S', 'A') => IsoDayOfWeek.Saturday,
            ('S', 'U') => IsoDayOfWeek.Sunday,
            _ => IsoDayOfWeek.None,
        };
        return day != IsoDayOfWeek.None;
    }
}
