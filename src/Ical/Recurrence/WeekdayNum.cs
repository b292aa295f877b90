using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// One BYDAY entry (RFC 5545 section 3.3.10, "weekdaynum"): a weekday, optionally with an
/// ordinal such as +1 (first) or -1 (last) within the month or year. <see cref="Offset"/> 0 means
/// every such weekday in the period.
/// </summary>
public readonly record struct WeekdayNum(int Offset, IsoDayOfWeek Day)
{
    public override string ToString() =>
        Offset == 0 ? WeekdayCodes.Format(Day) : Offset.ToString(System.Globalization.CultureInfo.InvariantCulture) + WeekdayCodes.Format(Day);
}
