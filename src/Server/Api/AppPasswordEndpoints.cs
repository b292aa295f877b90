using AuroraTime.Server.Accounts;
using NodaTime.Text;

namespace AuroraTime.Server.Api;

/// <summary>/api/app-passwords: per-device passwords for CalDAV clients. The secret is shown once, at creation.</summary>
internal static class AppPasswordEndpoints
{
    public const int MaxNameLength = 100;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapMethods("/app-passwords", HeadRequests.GetAndHead, ListAsync).WithHead();
        api.MapPost("/app-passwords", CreateAsync);
        api.MapDelete("/app-passwords/{id}", DeleteAsync);
    }

    /// <summary>Minting and revoking need the account's own sign-in (password, session or JWT), never an app password.</summary>
    public static IResult? RefuseAppPassword(HttpContext context) =>
        ApiCaller.UsedAppPassword(context)
            ? Problems.Forbidden("An app password cannot manage credentials; sign in with the account password.")
            : null;

    private static async Task<IResult> ListAsync(HttpContext context, AccountAdministration accounts)
    {
        var list = await accounts.ListAppPasswordsAsync(ApiCaller.UserName(context)!, context.RequestAborted);
        if (list is null)
        {
            return Problems.NotFound("The account no longer exists.");
        }
        return TypedResults.Json<IReadOnlyList<ApiAppPassword>>(
            [.. list.Select(p => new ApiAppPassword(p.Id, p.Label, InstantPattern.General.Format(p.CreatedAt), p.LastUsedAt is { } used ? InstantPattern.General.Format(used) : null))],
            ApiJsonContext.Default.IReadOnlyListApiAppPassword);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AccountAdministration accounts)
    {
        if (RefuseAppPassword(context) is { } refused)
        {
            return refused;
        }
        var (input, error) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ApiAppPasswordInput);
        if (error is not null)
        {
            return error;
        }
        var name = input!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Problems.Field("name", $"name is 1 to {MaxNameLength} characters without control characters, e.g. \"iPhone\".");
        }
        var result = await accounts.CreateAppPasswordAsync(ApiCaller.UserName(context)!, name, context.RequestAborted);
        if (!result.Ok)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Could not create the app password.", result.Error);
        }
        context.Response.Headers.Location = ApiHosting.Prefix + "/app-passwords/" + Uri.EscapeDataString(result.Id!);
        // The secret leaves the server once, in this body; never cache it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new ApiNewAppPassword(result.Id!, name, result.Secret!), ApiJsonContext.Default.ApiNewAppPassword, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, AccountAdministration accounts, string id)
    {
        if (RefuseAppPassword(context) is { } refused)
        {
            return refused;
        }
        var result = await accounts.RevokeAppPasswordAsync(ApiCaller.UserName(context)!, id, context.RequestAborted);
        return result.Ok ? TypedResults.NoContent() : Problems.NotFound("You have no such app password.");
    }
}
