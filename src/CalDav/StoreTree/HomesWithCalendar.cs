using System.Collections.Concurrent;
using AuroraTime.CalDav.CalDav.Changes;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// Users whose home is known to hold a calendar, so the default-calendar check (a collection listing)
/// runs once per user instead of on every request. Bounded: when full it starts over, which only
/// costs each user one more listing. A user is forgotten when one of their collections is deleted
/// (the home may be empty again), when their account is deleted or changed (<see cref="Forget"/>),
/// and whenever a request for the home itself lists it (so a home emptied behind the server's back,
/// e.g. by the CLI, gets its default calendar again at the client's next discovery).
/// </summary>
public sealed class HomesWithCalendar(int capacity = HomesWithCalendar.DefaultCapacity) : ICalendarObjectObserver
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);

    public bool Contains(string userName) => _users.ContainsKey(userName);

    public void Remember(string userName)
    {
        if (_users.Count >= capacity)
        {
            _users.Clear();
        }
        _users.TryAdd(userName, 0);
    }

    public void Forget(string userName) => _users.TryRemove(userName, out _);

    Task ICalendarObjectObserver.ObjectChangedAsync(CalendarObjectChange change, CancellationToken cancellationToken) => Task.CompletedTask;

    Task ICalendarObjectObserver.CollectionDeletedAsync(string account, string collectionPath, CancellationToken cancellationToken)
    {
        Forget(account);
        return Task.CompletedTask;
    }
}
