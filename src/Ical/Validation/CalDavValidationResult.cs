namespace AuroraTime.Ical.Validation;

/// <summary>
/// Outcome of <see cref="CalDavObjectValidator"/>: either the facts storage denormalises (UID,
/// component type, whether the object recurs) or the violated precondition with a message that
/// names the offending line.
/// </summary>
public sealed record CalDavValidationResult
{
    private CalDavValidationResult(CalDavPrecondition? failure, string? message, int line, string? uid, string? componentType, bool isRecurring)
    {
        Failure = failure;
        Message = message;
        Line = line;
        Uid = uid;
        ComponentType = componentType;
        IsRecurring = isRecurring;
    }

    /// <summary>Null when the object is acceptable.</summary>
    public CalDavPrecondition? Failure { get; }

    /// <summary>"line N: what is wrong (RFC reference)", null when valid.</summary>
    public string? Message { get; }

    /// <summary>1-based line of the offending content, 0 when not known or valid.</summary>
    public int Line { get; }

    /// <summary>The UID shared by every component (valid results only).</summary>
    public string? Uid { get; }

    /// <summary>VEVENT, VTODO, VJOURNAL or VFREEBUSY (valid results only).</summary>
    public string? ComponentType { get; }

    /// <summary>True when the master has RRULE or RDATE, or any component has a RECURRENCE-ID.</summary>
    public bool IsRecurring { get; }

    public bool IsValid => Failure is null;

    public static CalDavValidationResult Valid(string uid, string componentType, bool isRecurring) =>
        new(null, null, 0, uid, componentType, isRecurring);

    public static CalDavValidationResult Invalid(CalDavPrecondition failure, string reason, int line) =>
        new(failure, $"line {line}: {reason}", line, null, null, false);

    public override string ToString() => IsValid ? $"valid {ComponentType} {Uid}" : $"{Failure}: {Message}";
}
