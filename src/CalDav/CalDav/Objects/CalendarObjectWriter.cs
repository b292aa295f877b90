using AuroraTime.Ical.Model;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.CalDav.CalDav.Objects;

/// <summary>
/// The outcome of a calendar object write: either the body was refused before the store was asked
/// (<see cref="Invalid"/>), or the store's <see cref="Stored"/> result. <see cref="Calendar"/> is the
/// parsed object when it was valid.
/// </summary>
public sealed record CalendarWriteResult(PreparationFailure? Invalid, WriteResult? Stored, CalendarComponent? Calendar)
{
    public bool IsSuccess => Stored is { IsSuccess: true };
}

/// <summary>
/// The one write path for calendar objects, shared by CalDAV PUT and the REST API: validate as a
/// calendar object resource (RFC 4791 section 4.1 and 5.3.2.1), write with the precondition checked in
/// the store's transaction (which appends the change-log entry), then tell the observers (reminders,
/// feeds) about the committed change.
/// </summary>
public sealed class CalendarObjectWriter
{
    private readonly CalDavService _service;

    internal CalendarObjectWriter(CalDavService service) => _service = service;

    public async Task<CalendarWriteResult> PutAsync(
        StoredCollection calendar, string href, ReadOnlyMemory<byte> data, string? contentType, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var prepared = _service.Preparer.Prepare(data, contentType, calendar);
        if (prepared.Failure is { } failure)
        {
            return new CalendarWriteResult(failure, null, null);
        }
        var result = await _service.Store.PutObjectAsync(calendar.Ref.Object(href), prepared.Content!, precondition, cancellationToken);
        if (result.IsSuccess && result.ETag is { } written)
        {
            await _service.Notifier.WrittenAsync(calendar, href, written, prepared.Content!.Data, result.ClearedReminders, cancellationToken);
        }
        return new CalendarWriteResult(null, result, prepared.Calendar);
    }

    /// <summary>The zone floating times of this calendar are read in (RFC 4791 section 9.9: its calendar-timezone).</summary>
    public DateTimeZone FloatingZoneOf(StoredCollection calendar) => _service.Preparer.FloatingZoneOf(calendar);

    /// <returns>Ok, NotFound or PreconditionFailed, as the store answered.</returns>
    public async Task<StoreOutcome> DeleteAsync(StoredCollection collection, string href, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var result = await _service.Store.DeleteObjectAsync(collection.Ref.Object(href), precondition, cancellationToken);
        if (result.IsSuccess)
        {
            await _service.Notifier.DeletedAsync(collection, href, result.ClearedReminders, cancellationToken);
        }
        return result.Outcome;
    }

    /// <summary>Deletes a collection with everything in it, then tells the observers.</summary>
    /// <returns>Ok or NotFound.</returns>
    public async Task<StoreOutcome> DeleteCollectionAsync(CollectionRef collection, CancellationToken cancellationToken)
    {
        var cleared = new List<DueReminder>();
        var outcome = await _service.Store.DeleteCollectionAsync(collection, cancellationToken, cleared);
        if (outcome == StoreOutcome.Ok)
        {
            await _service.Notifier.CollectionDeletedAsync(collection, cleared, cancellationToken);
        }
        return outcome;
    }
}
