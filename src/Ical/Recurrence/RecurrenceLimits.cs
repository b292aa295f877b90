namespace AuroraTime.Ical.Recurrence;

/// <summary>
/// Bounds on one expansion so that no rule, however pathological, can hang the server: expansion
/// stops after <see cref="MaxInstances"/> instances were yielded or <see cref="MaxCandidates"/>
/// candidate days and times were examined. Passed in per call, never global.
/// </summary>
public sealed record RecurrenceLimits(int MaxInstances = 100_000, long MaxCandidates = 5_000_000)
{
    public static RecurrenceLimits Default { get; } = new();
}
