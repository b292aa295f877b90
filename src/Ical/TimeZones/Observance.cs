using NodaTime;

namespace AuroraTime.Ical.TimeZones;

/// <summary>
/// One STANDARD or DAYLIGHT sub-component of a VTIMEZONE (RFC 5545 section 3.6.5), already parsed:
/// its onsets are local wall times measured in <see cref="OffsetFrom"/>.
/// </summary>
internal sealed record Observance(
    bool IsDaylight,
    LocalDateTime Start,
    Offset OffsetFrom,
    Offset OffsetTo,
    string Name,
    IReadOnlyList<IObservanceRecurrence> Rules,
    IReadOnlyList<LocalDateTime> ExtraOnsets)
{
    /// <summary>The instant at which an onset at local wall time <paramref name="onset"/> happens.</summary>
    public Instant InstantOf(LocalDateTime onset) => onset.WithOffset(OffsetFrom).ToInstant();

    /// <summary>
    /// DST savings for NodaTime's <see cref="NodaTime.TimeZones.ZoneInterval"/>: a VTIMEZONE does not
    /// state the standard offset, so a DAYLIGHT observance is taken to save what it adds to the
    /// offset it replaces, when that is a plausible saving; a jump across the date line
    /// (Pacific/Apia 2011: -10:00 to +14:00) counts as the usual hour.
    /// </summary>
    public Offset Savings => !IsDaylight
        ? Offset.Zero
        : Math.Abs(OffsetTo.Seconds - OffsetFrom.Seconds) <= MaxPlausibleSavingsSeconds
            ? Offset.FromSeconds(OffsetTo.Seconds - OffsetFrom.Seconds)
            : Offset.FromHours(1);

    private const int MaxPlausibleSavingsSeconds = 3 * 3600;

    public ZoneTransition TransitionAt(LocalDateTime onset) => new(InstantOf(onset), OffsetTo, Savings, Name);
}

/// <summary>The zone changes to <see cref="WallOffset"/> at <see cref="At"/>.</summary>
internal readonly record struct ZoneTransition(Instant At, Offset WallOffset, Offset Savings, string Name);
