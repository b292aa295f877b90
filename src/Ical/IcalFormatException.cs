namespace AuroraTime.Ical;

/// <summary>
/// The one error type the iCalendar engine raises for malformed content. It always carries the
/// position of the problem so a CalDAV server can put it into a valid-calendar-data message
/// (RFC 4791 section 5.3.2.1) and a person can find the offending line.
/// </summary>
public sealed class IcalFormatException : FormatException
{
    public IcalFormatException(string reason, int line, int column)
        : base($"line {line}, column {column}: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>1-based physical line in the input (folded lines count separately), 0 when not known.</summary>
    public int Line { get; }

    /// <summary>1-based byte column within <see cref="Line"/>, 0 when not known.</summary>
    public int Column { get; }
}
