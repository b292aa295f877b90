using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuroraTime.Server.Api;

/// <summary>
/// Source-generated System.Text.Json contracts for every API shape: no reflection-based
/// serialisation, so the host can be published with Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(ApiMe))]
[JsonSerializable(typeof(ApiCalendar))]
[JsonSerializable(typeof(IReadOnlyList<ApiCalendar>))]
[JsonSerializable(typeof(ApiCalendarInput))]
[JsonSerializable(typeof(ApiEvent))]
[JsonSerializable(typeof(ApiEventPage))]
[JsonSerializable(typeof(IReadOnlyList<ApiUpcomingReminder>))]
[JsonSerializable(typeof(IReadOnlyList<ApiAppPassword>))]
[JsonSerializable(typeof(ApiAppPasswordInput))]
[JsonSerializable(typeof(ApiNewAppPassword))]
[JsonSerializable(typeof(ApiFeedLink))]
[JsonSerializable(typeof(IReadOnlyList<ApiFeedLink>))]
[JsonSerializable(typeof(ApiFeedLinkInput))]
[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
