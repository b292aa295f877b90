using System.Text.Json.Serialization;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// Source-generated JSON for the values the SQLite store passes as JSON parameters: reflection-based
/// serialization is unavailable in the Native AOT build that runs on Lambda (docs/aws.md).
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJson : JsonSerializerContext;
