using System.Text;
using NodaTime;

namespace AuroraTime.Ical.Values;

/// <summary>
/// A DURATION value (RFC 5545 section 3.3.6). Weeks and days are nominal (they follow the wall
/// clock across DST changes); hours, minutes and seconds are exact (RFC 5545 section 3.3.6:
/// "the duration of a week or a day depends on its position in the calendar").
/// </summary>
public readonly record struct IcalDuration(bool IsNegative, int Weeks, int Days, int Hours, int Minutes, int Seconds)
{
    // Keeps NominalDays and ExactPart far away from overflow whatever the text says
    // (about 27,000 years either way).
    private const long MaxNominalDays = 10_000_000;
    private const long MaxExactSeconds = MaxNominalDays * 86_400;

    public static IcalDuration Zero => default;

    /// <summary>Signed weeks * 7 + days, to add in local time.</summary>
    public int NominalDays
    {
        get
        {
            var days = ((long)Weeks * 7) + Days;
            return (int)(IsNegative ? -days : days);
        }
    }

    /// <summary>Signed hours, minutes and seconds, to add on the timeline.</summary>
    public Duration ExactPart
    {
        get
        {
            var seconds = ((long)Hours * 3600) + ((long)Minutes * 60) + Seconds;
            return Duration.FromSeconds(IsNegative ? -seconds : seconds);
        }
    }

    public bool IsZero => Weeks == 0 && Days == 0 && Hours == 0 && Minutes == 0 && Seconds == 0;

    /// <summary>
    /// Parses <c>[+|-]P[nW][nD][T[nH][nM][nS]]</c>. Accepts the RFC 5545 grammar and, leniently,
    /// combinations it leaves out but producers write (weeks with days, <c>PT1H30S</c>).
    /// </summary>
    /// <exception cref="IcalFormatException">Not a duration (line and column 0).</exception>
    public static IcalDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var value))
        {
            return value;
        }
        throw ValueErrors.Invalid("DURATION", text);
    }

    public static bool TryParse(string? text, out IcalDuration value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length < 2 || (s[0] != 'P' && s[0] != 'p'))
        {
            return false;
        }
        s = s[1..];
        long weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
        var inTime = false;
        var lastUnit = 0; // order of units already seen: W=1 D=2 H=3 M=4 S=5
        var parts = 0;
        var timeParts = 0;
        while (s.Length > 0)
        {
            if (s[0] == 'T' || s[0] == 't')
            {
                if (inTime)
                {
                    return false;
                }
                inTime = true;
                s = s[1..];
                continue;
            }
            var digits = 0;
            long number = 0;
            while (digits < s.Length && s[digits] >= '0' && s[digits] <= '9')
            {
                if (digits >= 10)
                {
                    return false;
                }
                number = (number * 10) + (s[digits] - '0');
                digits++;
            }
            if (digits == 0 || digits >= s.Length)
            {
                return false;
            }
            var unit = char.ToUpperInvariant(s[digits]) switch
            {
                'W' when !inTime => 1,
                'D' when !inTime => 2,
                'H' when inTime => 3,
                'M' when inTime => 4,
                'S' when inTime => 5,
                _ => 0,
            };
            if (unit <= lastUnit)
            {
                return false;
            }
            switch (unit)
            {
                case 1: weeks = number; break;
                case 2: days = number; break;
                case 3: hours = number; break;
                case 4: minutes = number; break;
                default: seconds = number; break;
            }
            lastUnit = unit;
            parts++;
            if (inTime)
            {
                timeParts++;
            }
            s = s[(digits + 1)..];
        }
        if (parts == 0 || (inTime && timeParts == 0))
        {
            return false;
        }
        if ((weeks * 7) + days > MaxNominalDays || (hours * 3600) + (minutes * 60) + seconds > MaxExactSeconds)
        {
            return false;
        }
        value = new IcalDuration(negative, (int)weeks, (int)days, (int)hours, (int)minutes, (int)seconds);
        return true;
    }

    /// <summary>
    /// Canonical text: <c>PT0S</c> for zero, <c>P2W</c> for whole weeks, otherwise weeks folded
    /// into days so the result stays inside the RFC 5545 grammar (<c>-P15DT1H</c>).
    /// </summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }
        var builder = new StringBuilder(16);
        if (IsNegative)
        {
            builder.Append('-');
        }
        builder.Append('P');
        var hasTime = Hours != 0 || Minutes != 0 || Seconds != 0;
        if (Weeks != 0 && Days == 0 && !hasTime)
        {
            return builder.Append(Weeks).Append('W').ToString();
        }
        var days = ((long)Weeks * 7) + Days;
        if (days != 0)
        {
            builder.Append(days).Append('D');
        }
        if (hasTime)
        {
            builder.Append('T');
            if (Hours != 0)
            {
                builder.Append(Hours).Append('H');
            }
            if (Minutes != 0)
            {
                builder.Append(Minutes).Append('M');
            }
            if (Seconds != 0)
            {
                builder.Append(Seconds).Append('S');
            }
        }
        return builder.ToString();
    }
}
