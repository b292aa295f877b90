using AuroraTime.CalDav.StoreTree;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server.Api;

/// <summary>GET /api/me: who is signed in, and where their CalDAV calendars are.</summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapMethods("/me", HeadRequests.GetAndHead, GetAsync).WithHead();

    private static async Task<IResult> GetAsync(HttpContext context, IStore store)
    {
        var user = ApiCaller.UserName(context)!;
        var account = await store.GetAccountAsync(user, context.RequestAborted);
        if (account is null)
        {
            return Problems.NotFound("The account no longer exists.");
        }
        return TypedResults.Json(
            new ApiMe(user, account.Settings.EmailDisplayAlarms, ApiCaller.BaseUrl(context) + DavLayout.HomeHref("", user)),
            ApiJsonContext.Default.ApiMe);
    }
}
