namespace AuroraTime.Ical.Values;

/// <summary>
/// Builds the engine's one error type for value parsing. Values parsed from bare strings have no
/// position (line and column 0); values parsed from a property report that property's line.
/// </summary>
internal static class ValueErrors
{
    public static IcalFormatException Invalid(string kind, string text, int line = 0) =>
        new($"invalid {kind} value \"{Shorten(text)}\"", line, 0);

    public static IcalFormatException WithLine(IcalFormatException error, int line) =>
        error.Line == line ? error : new IcalFormatException(error.Reason, line, error.Column);

    // Bad input can be arbitrarily long; an error message should stay readable and bounded.
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
