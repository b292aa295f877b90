using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuroraTime.Reminders.Aws;

/// <summary>Writer settings for the JSON we send to AWS.</summary>
internal static class JsonBodies
{
    /// <summary>
    /// Escapes only what JSON requires (quotes, backslash, control characters), as JavaScript's
    /// JSON.stringify does, instead of the default's \u002B for '+' and the like: bodies match what the
    /// AWS SDKs send. Nothing here is ever embedded in HTML, which is what the default guards against.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
