namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>What one implementation made of a case: the instances, or why it rejected the rule.</summary>
internal sealed record CaseOutcome(IReadOnlyList<string>? Instances, string? Error)
{
    public static CaseOutcome Of(IReadOnlyList<string> instances) => new(instances, null);

    public static CaseOutcome Rejected(string error) => new(null, error);

    /// <summary>Both reject the rule, or both yield the same instances.</summary>
    public bool AgreesWith(CaseOutcome other) =>
        Instances is null ? other.Instances is null : other.Instances is not null && Instances.SequenceEqual(other.Instances);

    public override string ToString() => Instances is null
        ? "rejected: " + Error
        : Instances.Count + " instances: " + string.Join(",", Instances.Take(12)) + (Instances.Count > 12 ? ",..." : "");

    /// <summary>First difference between two instance lists, for readable failure messages.</summary>
    public string DescribeDifference(CaseOutcome other)
    {
        if (Instances is null || other.Instances is null)
        {
            return $"ours {this} | theirs {other}";
        }
        int index = 0;
        while (index < Instances.Count && index < other.Instances.Count && Instances[index] == other.Instances[index])
        {
            index++;
        }
        string Item(IReadOnlyList<string> list) => index < list.Count ? list[index] : "(end)";
        return $"instance {index + 1}: ours {Item(Instances)} ({Instances.Count} total), theirs {Item(other.Instances)} ({other.Instances.Count} total)";
    }
}
