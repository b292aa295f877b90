using System.Globalization;

namespace AuroraTime.Storage.Contract;

/// <summary>
/// A position in one collection's change log (RFC 6578 section 3.2). <see cref="Incarnation"/>
/// identifies the collection instance, so a token from a deleted and re-created collection of the
/// same name is invalid rather than silently wrong. The string form is opaque to clients; the CalDAV
/// layer wraps it in a URI. It also serves as CS:getctag, which must change whenever a member does.
/// </summary>
public readonly record struct SyncToken(string Incarnation, long Sequence)
{
    private const char Separator = '_';

    public override string ToString() =>
        Incarnation + Separator + Sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the form produced by <see cref="ToString"/>; false for anything else.</summary>
    public static bool TryParse(string? text, out SyncToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var split = text.LastIndexOf(Separator);
        if (split <= 0 || split == text.Length - 1)
        {
            return false;
        }

        var incarnation = text[..split];
        foreach (var c in incarnation)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        if (!long.TryParse(text.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        token = new SyncToken(incarnation, sequence);
        return true;
    }
}
