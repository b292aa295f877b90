using System.Collections.Immutable;
using NodaTime;

namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// An immutable RRULE value (RFC 5545 section 3.3.10). <see cref="Parse"/> validates the rule
/// against the RFC's MUST/MUST NOT statements; <see cref="ToString"/> writes the canonical text
/// (parts in the grammar's order, lists sorted without duplicates, INTERVAL=1 and WKST=MO left out
/// because they are the defaults). Two rules are equal when their canonical texts are equal.
/// </summary>
public sealed record RecurrenceRule
{
    public RecurrenceFrequency Frequency { get; init; }

    /// <summary>INTERVAL, at least 1.</summary>
    public int Interval { get; init; } = 1;

    public int? Count { get; init; }

    /// <summary>UNTIL as written: a date (00:00), a floating time or a UTC time; see <see cref="UntilKind"/>.</summary>
    public LocalDateTime? Until { get; init; }

    public RecurrenceUntilKind UntilKind { get; init; }

    public ImmutableArray<int> BySecond { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> ByMinute { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> ByHour { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<WeekdayNum> ByDay { get; init; } = ImmutableArray<WeekdayNum>.Empty;
    public ImmutableArray<int> ByMonthDay { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> ByYearDay { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> ByWeekNo { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> ByMonth { get; init; } = ImmutableArray<int>.Empty;
    public ImmutableArray<int> BySetPos { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>WKST, Monday unless the rule says otherwise.</summary>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>X- rule parts, upper-case name and value as written, kept so the rule round-trips.</summary>
    public ImmutableArray<KeyValuePair<string, string>> ExtensionParts { get; init; } =
        ImmutableArray<KeyValuePair<string, string>>.Empty;

    /// <summary>Parses and validates an RRULE value.</summary>
    /// <exception cref="IcalFormatException">The text is not a valid RFC 5545 recurrence rule.</exception>
    public static RecurrenceRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!RecurrenceRuleParser.TryParse(text, out var rule, out var error))
        {
            throw new IcalFormatException(error!, 0, 0);
        }
        return rule!;
    }

    /// <summary>Parses and validates an RRULE value; <paramref name="error"/> says why it failed.</summary>
    public static bool TryParse(string text, out RecurrenceRule? rule, out string? error)
    {
        if (text is null)
        {
            rule = null;
            error = "The recurrence rule is missing.";
            return false;
        }
        return RecurrenceRuleParser.TryParse(text, out rule, out error);
    }

    public override string ToString() => RecurrenceRuleFormatter.Format(this);

    public bool Equals(RecurrenceRule? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
