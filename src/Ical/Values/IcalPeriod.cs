namespace AuroraTime.Ical.Values;

/// <summary>
/// A PERIOD value (RFC 5545 section 3.3.9): an explicit start and either an explicit end
/// (<c>start/end</c>) or a duration (<c>start/duration</c>). Both null only when a
/// DATE-TIME list item carried no period at all (see <see cref="DateTimeListValue.ParsePeriods"/>).
/// </summary>
public readonly record struct IcalPeriod(IcalDateTime Start, IcalDateTime? End, IcalDuration? Duration)
{
    /// <summary>Parses <c>19970101T180000Z/19970102T070000Z</c> or <c>19970101T180000Z/PT5H30M</c>.</summary>
    /// <param name="text">The period text.</param>
    /// <param name="tzId">The TZID parameter of the property, applied to both ends.</param>
    /// <exception cref="IcalFormatException">Not a period (line and column 0).</exception>
    public static IcalPeriod Parse(string text, string? tzId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < text.Length - 1)
        {
            var startText = text[..slash];
            var endText = text[(slash + 1)..];
            // RFC 5545 3.3.9: the start (and an explicit end) are DATE-TIME, never DATE.
            if (IcalDateTime.TryParse(startText, tzId, valueIsDate: false, out var start))
            {
                var first = endText[0];
                if (first == 'P' || first == 'p' || first == '+' || first == '-')
                {
                    if (IcalDuration.TryParse(endText, out var duration) && !duration.IsNegative)
                    {
                        return new IcalPeriod(start, null, duration);
                    }
                }
                else if (IcalDateTime.TryParse(endText, tzId, valueIsDate: false, out var end))
                {
                    return new IcalPeriod(start, end, null);
                }
            }
        }
        throw ValueErrors.Invalid("PERIOD", text);
    }

    public override string ToString() =>
        End is { } end ? $"{Start.ToValueString()}/{end.ToValueString()}"
        : Duration is { } duration ? $"{Start.ToValueString()}/{duration}"
        : Start.ToValueString();
}
