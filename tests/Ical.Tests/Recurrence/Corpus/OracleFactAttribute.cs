namespace AuroraTime.Ical.Tests.Recurrence.Corpus;

/// <summary>
/// A fact that needs an oracle: skipped with the reason when the oracle is missing, except on CI
/// (CI=true), where a missing oracle must fail the run instead of silently passing it.
/// </summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(string oracle)
    {
        var instance = oracle == "dateutil" ? RecurrenceOracle.Dateutil : RecurrenceOracle.IcalJs;
        string? missing = instance.MissingReason();
        bool onCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (missing is not null && !onCi)
        {
            Skip = $"Oracle {oracle} is not available: {missing}.";
        }
    }
}
