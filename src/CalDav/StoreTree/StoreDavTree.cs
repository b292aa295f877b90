using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.WebDav.Http;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.StoreTree;

/// <summary>
/// The resource tree one signed-in user sees: the root, /principals/&lt;user&gt;/ and
/// /calendars/&lt;user&gt;/... backed by the store. Other users' principals and homes are simply not
/// there (404), so nothing about them leaks. Built per request.
/// </summary>
public sealed class StoreDavTree : IDavTree
{
    private readonly CalDavService _service;
    private readonly string? _userName;
    private readonly string _encodedBase;
    private bool _defaultEnsured;

    public StoreDavTree(CalDavService service, string? userName, string encodedBase)
    {
        _service = service;
        _userName = userName is not null && ResourceNames.IsValidSegment(userName) ? userName : null;
        _encodedBase = encodedBase.TrimEnd('/');
    }

    public async ValueTask<IDavNode?> GetNodeAsync(DavPath path, CancellationToken cancellationToken)
    {
        var segments = path.Segments;
        if (segments.Count == 0)
        {
            return new FixedCollectionNode("", [Container(DavLayout.Principals), Container(DavLayout.Calendars)]);
        }
        var user = _userName;
        switch (segments[0].Name)
        {
            case DavLayout.Principals when segments.Count == 1:
                return Container(DavLayout.Principals);
            case DavLayout.Principals when segments.Count == 2 && segments[1].Name == user:
                await EnsureDefaultCalendarAsync(cancellationToken);
                return Principal(user);
            case DavLayout.Calendars when segments.Count == 1:
                return Container(DavLayout.Calendars);
            case DavLayout.Calendars when segments[1].Name == user && user is not null:
                return await GetUnderHomeAsync(user, segments, cancellationToken);
            default:
                return null;
        }
    }

    private async ValueTask<IDavNode?> GetUnderHomeAsync(string user, IReadOnlyList<DavSegment> segments, CancellationToken cancellationToken)
    {
        var home = new HomeNode(_service, user, OwnerHref(user));
        // A path through a calendar proves the account has one, so the default-calendar check (a listing of
        // the account's collections) is skipped for what clients ask most: calendars and their objects.
        // Anything else (the home, plain collections, names not found) checks first, as before.
        if (segments.Count > 2 && await home.GetChildAsync(segments[2].Name, cancellationToken) is StoreCollectionNode { IsCalendar: true } calendar)
        {
            return await WalkAsync(calendar, segments, 3, cancellationToken);
        }

        await EnsureDefaultCalendarAsync(cancellationToken);
        return await WalkAsync(home, segments, 2, cancellationToken);
    }

    /// <summary>The node at <paramref name="segments"/>, resolved from <paramref name="current"/>, which sits at index <paramref name="from"/> - 1.</summary>
    private static async ValueTask<IDavNode?> WalkAsync(IDavCollection current, IReadOnlyList<DavSegment> segments, int from, CancellationToken cancellationToken)
    {
        for (var i = from; i < segments.Count; i++)
        {
            var child = await current.GetChildAsync(segments[i].Name, cancellationToken);
            if (i == segments.Count - 1)
            {
                return child;
            }
            if (child is not IDavCollection collection)
            {
                return null;
            }
            current = collection;
        }
        return current;
    }

    /// <summary>
    /// An account without any calendar gets one named "default" on access, so clients that cannot
    /// create calendars still have somewhere to write (INTEROP.md: iOS wants a writable calendar).
    /// </summary>
    private async ValueTask EnsureDefaultCalendarAsync(CancellationToken cancellationToken)
    {
        if (_defaultEnsured || _userName is null)
        {
            return;
        }
        _defaultEnsured = true;
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var existing = await _service.Store.ListCollectionsAsync(_userName, null, page, cancellationToken);
            if (existing.Items.Any(c => c.Kind == CollectionKind.Calendar))
            {
                return;
            }
            page = existing.NextRequest(PageRequest.MaxLimit);
        }
        var properties = new CollectionProperties(DisplayName: _service.Options.DefaultCalendarDisplayName);
        // AlreadyExists (a concurrent request won, or a plain collection has the name) and NotFound
        // (no such account) leave nothing to do.
        await _service.Store.CreateCollectionAsync(new CollectionRef(_userName, _service.Options.DefaultCalendarName), CollectionKind.Calendar, properties, cancellationToken);
    }

    private FixedCollectionNode Container(string name) => name == DavLayout.Principals
        ? new FixedCollectionNode(name, _userName is null ? [] : [Principal(_userName)])
        : new FixedCollectionNode(name, _userName is null ? [] : [new HomeNode(_service, _userName, OwnerHref(_userName))]);

    private PrincipalNode Principal(string user) => new(user) { OwnerHref = OwnerHref(user) };

    private string OwnerHref(string user) => DavLayout.PrincipalHref(_encodedBase, user);
}
