using AuroraTime.Storage.Contract;
using System.Collections.Concurrent;
using System.Text;
using AuroraTime.CalDav.CalDav.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.CalDav.Tests.CalDav;

/// <summary>
/// The change hook: every registered <see cref="ICalendarObjectObserver"/> hears about each
/// committed write of PUT, DELETE, MOVE, COPY and calendar DELETE, and an observer that throws
/// never fails the client's request (its write is committed already).
/// </summary>
public sealed class ChangeObserverTests : IAsyncLifetime
{
    private const string Calendar = "/calendars/alice/default/";
    private readonly RecordingObserver _recorder = new();
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync(services: s =>
        {
            s.AddSingleton<ICalendarObjectObserver>(new ThrowingObserver());
            s.AddSingleton<ICalendarObjectObserver>(_recorder);
        });
        await _host.PropfindAsync("/calendars/alice/", "<D:resourcetype/>", depth: "1");
        Assert.Equal(201, (await _host.SendAsync("MKCALENDAR", "/calendars/alice/work/")).Status);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Put_reports_a_write_with_the_new_etag_and_the_stored_bytes_even_when_another_observer_throws()
    {
        var put = await _host.PutAsync(Calendar + "a.ics", Ics.Event("a"));

        Assert.Equal(201, put.Status);
        var change = Assert.Single(_recorder.Changes);
        Assert.Equal(CalendarObjectChangeKind.Written, change.Kind);
        Assert.Equal(("alice", "default", "a.ics"), (change.Account, change.CollectionPath, change.Href));
        Assert.True(change.IsCalendarCollection);
        Assert.Equal(put.Message.Headers.ETag!.Tag, change.ETag);
        Assert.Contains("UID:a", Encoding.UTF8.GetString(change.Data.Span));
    }

    [Fact]
    public async Task A_refused_put_reports_nothing()
    {
        Assert.Equal(403, (await _host.PutAsync(Calendar + "bad.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")).Status);
        Assert.Equal(412, (await _host.PutAsync(Calendar + "b.ics", Ics.Event("b"), new Dictionary<string, string> { ["If-Match"] = "\"nope\"" })).Status);

        Assert.Empty(_recorder.Changes);
    }

    [Fact]
    public async Task Delete_reports_a_deletion_without_etag_or_bytes()
    {
        await _host.PutAsync(Calendar + "a.ics", Ics.Event("a"));
        _recorder.Clear();

        Assert.Equal(204, (await _host.SendAsync("DELETE", Calendar + "a.ics")).Status);

        var change = Assert.Single(_recorder.Changes);
        Assert.Equal((CalendarObjectChangeKind.Deleted, "default", "a.ics", (string?)null, 0), (change.Kind, change.CollectionPath, change.Href, change.ETag, change.Data.Length));
    }

    [Fact]
    public async Task Move_reports_the_deletion_at_the_source_and_the_write_at_the_target()
    {
        await _host.PutAsync(Calendar + "a.ics", Ics.Event("a"));
        _recorder.Clear();

        var move = await _host.SendAsync("MOVE", Calendar + "a.ics", headers: new Dictionary<string, string> { ["Destination"] = "/calendars/alice/work/b.ics" });

        Assert.Equal(201, move.Status);
        Assert.Equal(2, _recorder.Changes.Count);
        Assert.Contains(_recorder.Changes, c => c is { Kind: CalendarObjectChangeKind.Deleted, CollectionPath: "default", Href: "a.ics" });
        var written = Assert.Single(_recorder.Changes, c => c.Kind == CalendarObjectChangeKind.Written);
        Assert.Equal(("work", "b.ics"), (written.CollectionPath, written.Href));
        Assert.NotNull(written.ETag);
        Assert.Contains("UID:a", Encoding.UTF8.GetString(written.Data.Span));
    }

    [Fact]
    public async Task Copy_reports_only_the_write_at_the_target()
    {
        await _host.PutAsync(Calendar + "a.ics", Ics.Event("a"));
        _recorder.Clear();

        var copy = await _host.SendAsync("COPY", Calendar + "a.ics", headers: new Dictionary<string, string> { ["Destination"] = "/calendars/alice/work/a.ics" });

        Assert.Equal(201, copy.Status);
        var change = Assert.Single(_recorder.Changes);
        Assert.Equal((CalendarObjectChangeKind.Written, "work", "a.ics"), (change.Kind, change.CollectionPath, change.Href));
    }

    [Fact]
    public async Task Deleting_a_calendar_reports_the_collection_once_and_no_object_deletions()
    {
        await _host.PutAsync("/calendars/alice/work/a.ics", Ics.Event("a"));
        _recorder.Clear();

        Assert.Equal(204, (await _host.SendAsync("DELETE", "/calendars/alice/work/")).Status);

        Assert.Empty(_recorder.Changes);
        Assert.Equal([("alice", "work")], _recorder.DeletedCollections);
    }

    private sealed class RecordingObserver : ICalendarObjectObserver
    {
        private readonly ConcurrentQueue<CalendarObjectChange> _changes = new();
        private readonly ConcurrentQueue<(string, string)> _collections = new();

        public IReadOnlyList<CalendarObjectChange> Changes => [.. _changes];

        public IReadOnlyList<(string Account, string Path)> DeletedCollections => [.. _collections];

        public void Clear()
        {
            _changes.Clear();
            _collections.Clear();
        }

        public Task ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken)
        {
            _changes.Enqueue(change);
            return Task.CompletedTask;
        }

        public Task CollectionDeletedAsync(string account, string collectionPath, IReadOnlyList<DueReminder> clearedReminders, CancellationToken cancellationToken)
        {
            _collections.Enqueue((account, collectionPath));
            return Task.CompletedTask;
        }
    }

    /// <summary>Registered first, so the recorder only sees changes if the notifier survives it.</summary>
    private sealed class ThrowingObserver : ICalendarObjectObserver
    {
        public Task ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("observer bug");

        public Task CollectionDeletedAsync(string account, string collectionPath, IReadOnlyList<DueReminder> clearedReminders, CancellationToken cancellationToken) =>
            Task.FromException(new InvalidOperationException("observer bug"));
    }
}
