namespace AuroraTime.CalDav.CalDav.Filters;

/// <summary>
/// CALDAV:text-match: "a substring match ... using the collation" (RFC 4791 section 9.7.5):
/// i;octet compares bytes, i;ascii-casemap folds ASCII letters only (RFC 4790 9.2),
/// i;unicode-casemap folds full Unicode case (RFC 5051, approximated by invariant upper-casing
/// after NFKD normalisation).
/// </summary>
public static class TextMatcher
{
    public static bool Matches(string value, TextMatchFilter match)
    {
        var found = match.Collation switch
        {
            "i;octet" => value.Contains(match.Text, StringComparison.Ordinal),
            "i;unicode-casemap" => UnicodeFold(value).Contains(UnicodeFold(match.Text), StringComparison.Ordinal),
            _ => AsciiFold(value).Contains(AsciiFold(match.Text), StringComparison.Ordinal),
        };
        return found != match.Negate;
    }

    private static string AsciiFold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - 32) : source[i];
            }
        });

    private static string UnicodeFold(string text) =>
        text.Normalize(System.Text.NormalizationForm.FormKD).ToUpperInvariant().ToLowerInvariant();
}
