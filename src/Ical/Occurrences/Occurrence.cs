using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using NodaTime;

namespace AuroraTime.Ical.Occurrences;

/// <summary>
/// One instance of a calendar component's recurrence set (RFC 5545 section 3.8.5).
/// </summary>
/// <param name="RecurrenceId">The instance's original start, in the master DTSTART's value type
/// and zone: the value a RECURRENCE-ID for it would carry (RFC 5545 section 3.8.4.4).</param>
/// <param name="Start">Actual start (moved by an override or a THISANDFUTURE shift).</param>
/// <param name="End">Actual end; equal to <paramref name="Start"/> for zero-length instances.</param>
/// <param name="Component">The component describing this instance: the master, or the override
/// (RECURRENCE-ID) component that replaces or, with RANGE=THISANDFUTURE, governs it.</param>
/// <param name="IsOverride">True when <paramref name="Component"/> is an override, not the master.</param>
public readonly record struct Occurrence(IcalDateTime RecurrenceId, Instant Start, Instant End, CalendarComponent Component, bool IsOverride);
