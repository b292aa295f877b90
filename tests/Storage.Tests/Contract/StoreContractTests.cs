using System.Text;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Storage.Tests.Contract;

/// <summary>
/// The behaviour every store backend must have. A backend's test class derives from this and only
/// says how to make a fixture; the facts are inherited and run unchanged against it. One partial
/// file per concern.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected const string Alice = "alice";
    protected const string Bob = "bob";
    protected const string CalendarContentType = "text/calendar; charset=utf-8";

    protected static readonly Instant Start = Instant.FromUtc(2026, 1, 5, 9, 0);

    private IStoreFixture? _fixture;
    private IStore? _store;
    private readonly List<IStore> _extraStores = [];

    protected abstract IStoreFixture CreateFixture();

    protected IStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    protected ManualClock Clock { get; } = new(Start);

    protected CollectionRef Work { get; } = new(Alice, "work");

    protected CollectionRef Home { get; } = new(Alice, "home");

    public async Task InitializeAsync()
    {
        _fixture = CreateFixture();
        _store = await _fixture.OpenStoreAsync(Clock);
    }

    public async Task DisposeAsync()
    {
        foreach (var extra in _extraStores)
        {
            await extra.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    /// <summary>Another handle on the same data, as a second process would have.</summary>
    protected async Task<IStore> OpenSecondStoreAsync()
    {
        var store = await _fixture!.OpenStoreAsync(Clock);
        _extraStores.Add(store);
        return store;
    }

    protected async Task CreateAccountAsync(string userName)
    {
        Assert.Equal(StoreOutcome.Created, await Store.CreateAccountAsync(userName, "hash-of-" + userName, AccountSettings.Default));
    }

    /// <summary>Account alice with calendars "work" and "home".</summary>
    protected async Task CreateAliceWithCalendarsAsync()
    {
        await CreateAccountAsync(Alice);
        await CreateCalendarAsync(Work);
        await CreateCalendarAsync(Home);
    }

    protected async Task CreateCalendarAsync(CollectionRef calendar)
    {
        Assert.Equal(StoreOutcome.Created, await Store.CreateCollectionAsync(
            calendar, CollectionKind.Calendar, new CollectionProperties(DisplayName: calendar.Name, SupportedComponents: ["VEVENT", "VTODO"])));
    }

    protected static byte[] Ics(string uid, string summary, string component = "VEVENT") => Encoding.UTF8.GetBytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AuroraTime//Store tests//EN\r\n" +
        $"BEGIN:{component}\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\nEND:{component}\r\nEND:VCALENDAR\r\n");

    /// <summary>A calendar object whose occurrences span [first, last] (null = unbounded on that side).</summary>
    protected static ObjectContent Event(string uid, string summary = "Meeting", Instant? first = null, Instant? last = null, string component = "VEVENT") =>
        new(Ics(uid, summary, component), CalendarContentType, uid, component, first, last);

    protected async Task<ETag> PutNewAsync(CollectionRef collection, string href, ObjectContent content)
    {
        var result = await Store.PutObjectAsync(collection.Object(href), content, WritePrecondition.IfNoneMatchAny);
        Assert.Equal(StoreOutcome.Created, result.Outcome);
        return result.ETag!.Value;
    }

    protected async Task<SyncToken> CurrentTokenAsync(CollectionRef collection) =>
        (await Store.GetCollectionAsync(collection))!.SyncToken;

    /// <summary>Every change after the token, following truncated pages to the end.</summary>
    protected async Task<List<MemberChange>> AllChangesSinceAsync(CollectionRef collection, SyncToken? since)
    {
        var all = new List<MemberChange>();
        while (true)
        {
            var changes = await Store.GetChangesAsync(collection, since, 1000);
            Assert.Equal(StoreOutcome.Ok, changes.Outcome);
            all.AddRange(changes.Changes);
            since = changes.Token;
            if (!changes.MoreRemain)
            {
                return all;
            }
        }
    }

    protected static string Text(StoredObject stored) => Encoding.UTF8.GetString(stored.Data.Span);
}
