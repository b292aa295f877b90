using System.Collections.Immutable;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Api;

/// <summary>Finding and describing a caller's calendars: an API calendar id is a calendar collection in the caller's home.</summary>
internal static class ApiCalendars
{
    /// <summary>The caller's calendar with this id, or null (also for someone else's, for plain collections and bad ids).</summary>
    public static async Task<StoredCollection?> FindAsync(IStore store, string user, string id, CancellationToken cancellationToken) =>
        ResourceNames.IsValidSegment(id) && await store.GetCollectionAsync(new CollectionRef(user, id), cancellationToken) is { Kind: CollectionKind.Calendar } calendar
            ? calendar
            : null;

    public static async Task<List<StoredCollection>> ListAsync(IStore store, string user, CancellationToken cancellationToken)
    {
        var calendars = new List<StoredCollection>();
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await store.ListCollectionsAsync(user, null, page, cancellationToken);
            calendars.AddRange(result.Items.Where(c => c.Kind == CollectionKind.Calendar));
            page = result.NextRequest(PageRequest.MaxLimit);
        }
        return calendars;
    }

    public static ApiCalendar Describe(StoredCollection calendar, HttpContext context, CalDavService service)
    {
        var properties = calendar.Properties;
        return new ApiCalendar(
            calendar.Ref.Path,
            properties.DisplayName,
            properties.Description,
            properties.Color,
            properties.SupportedComponents.IsEmpty ? DefaultComponents : properties.SupportedComponents,
            ApiCaller.BaseUrl(context) + DavLayout.CollectionPath(calendar.Ref.UserName, calendar.Ref.Path).ToHref("", isCollection: true),
            service.SyncTokenUri(calendar.SyncToken));
    }

    /// <summary>What a calendar without a supported-calendar-component-set accepts (RFC 4791 section 5.2.3: any).</summary>
    public static ImmutableArray<string> DefaultComponents { get; } = ["VEVENT", "VTODO", "VJOURNAL"];
}
