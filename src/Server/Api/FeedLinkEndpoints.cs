using AuroraTime.CalDav.Feeds;
using AuroraTime.Server.Feeds;
using AuroraTime.Storage.Contract;
using NodaTime.Text;

namespace AuroraTime.Server.Api;

/// <summary>/api/feed-links: secret iCal feed URLs (webcal) for subscribing from Google, Apple or Outlook.</summary>
internal static class FeedLinkEndpoints
{
    private static readonly Dictionary<string, FeedScope> Scopes = new(StringComparer.Ordinal)
    {
        ["full"] = FeedScope.Full,
        ["busy-only"] = FeedScope.BusyOnly,
        ["no-private"] = FeedScope.NoPrivate,
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapMethods("/feed-links", HeadRequests.GetAndHead, ListAsync).WithHead();
        api.MapPost("/feed-links", CreateAsync);
        api.MapDelete("/feed-links/{id}", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IStore store, FeedTokens tokens)
    {
        var user = ApiCaller.UserName(context)!;
        var links = new List<ApiFeedLink>();
        PageRequest? page = PageRequest.First(PageRequest.MaxLimit);
        while (page is not null)
        {
            var result = await store.ListFeedLinksAsync(user, page, context.RequestAborted);
            links.AddRange(result.Items.Where(l => !l.IsRevoked && tokens.TokenFor(l.TokenId) is not null)
                .Select(l => Describe(context, l, tokens.TokenFor(l.TokenId)!)));
            page = result.NextRequest(PageRequest.MaxLimit);
        }
        return TypedResults.Json<IReadOnlyList<ApiFeedLink>>(links, ApiJsonContext.Default.IReadOnlyListApiFeedLink);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IStore store, FeedTokens tokens)
    {
        if (AppPasswordEndpoints.RefuseAppPassword(context) is { } refused)
        {
            return refused;
        }
        var (input, error) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ApiFeedLinkInput);
        if (error is not null)
        {
            return error;
        }
        var user = ApiCaller.UserName(context)!;
        var errors = new Dictionary<string, string[]>();
        if (!Scopes.TryGetValue(input!.Scope?.Trim() ?? "full", out var scope))
        {
            errors["scope"] = ["scope is full, busy-only or no-private."];
        }
        var calendarId = string.IsNullOrWhiteSpace(input.CalendarId) ? null : input.CalendarId.Trim();
        if (calendarId is not null && await ApiCalendars.FindAsync(store, user, calendarId, context.RequestAborted) is null)
        {
            errors["calendarId"] = [$"You have no calendar '{calendarId}'."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var token = tokens.Mint();
        var outcome = await store.CreateFeedLinkAsync(token.TokenId, user, calendarId, scope, context.RequestAborted);
        if (outcome != StoreOutcome.Created || await store.GetFeedLinkAsync(token.TokenId, context.RequestAborted) is not { } link)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Could not create the feed link.", outcome.ToString());
        }
        context.Response.Headers.Location = ApiHosting.Prefix + "/feed-links/" + Uri.EscapeDataString(token.TokenId);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(Describe(context, link, token.Token), ApiJsonContext.Default.ApiFeedLink, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IStore store, string id)
    {
        if (AppPasswordEndpoints.RefuseAppPassword(context) is { } refused)
        {
            return refused;
        }
        var user = ApiCaller.UserName(context)!;
        // A revoked link is gone for its owner too: revoking it again is a 404 like any unknown id.
        if (!ResourceNames.IsValidSegment(id) || await store.GetFeedLinkAsync(id, context.RequestAborted) is not { IsRevoked: false } link
            || link.UserName != user || await store.RevokeFeedLinkAsync(user, id, context.RequestAborted) != StoreOutcome.Ok)
        {
            return Problems.NotFound("You have no such feed link.");
        }
        return TypedResults.NoContent();
    }

    private static ApiFeedLink Describe(HttpContext context, FeedLink link, string token)
    {
        var urls = FeedUrls.For(ApiCaller.BaseUrl(context), token, link.CollectionPath ?? link.UserName);
        return new ApiFeedLink(link.TokenId, link.CollectionPath, Scopes.First(s => s.Value == link.Scope).Key,
            InstantPattern.General.Format(link.CreatedAt), urls.Https, urls.Webcal, urls.GoogleAdd);
    }
}
