using System.Text.Json.Serialization;

namespace AuroraTime.Server.Api;

/// <summary>
/// An RFC 9457 (formerly 7807) problem details body. <see cref="Errors"/> maps a field of the request
/// ("start", "reminders[0].action") to what is wrong with it, for 400 validation answers.
/// </summary>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>Builds the problem answers of the API, all as application/problem+json.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Of(int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Json(
            new ApiProblem("about:blank", title, status, detail, errors),
            ApiJsonContext.Default.ApiProblem,
            ContentType,
            status);

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Of(StatusCodes.Status400BadRequest, "The request has invalid fields.", detail ?? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), errors);

    public static IResult Field(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string what) => Of(StatusCodes.Status404NotFound, "Not found.", what);

    public static IResult Unauthenticated() =>
        Of(StatusCodes.Status401Unauthorized, "Authentication required.", "Sign in, or send HTTP Basic credentials.");

    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "Forbidden.", detail);

    public static IResult PreconditionFailed() =>
        Of(StatusCodes.Status412PreconditionFailed, "Precondition failed.", "The event changed since the ETag in If-Match; fetch it again.");

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Conflict.", detail);
}
