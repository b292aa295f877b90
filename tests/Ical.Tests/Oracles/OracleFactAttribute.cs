namespace AuroraTime.Ical.Tests.Oracles;

/// <summary>
/// A fact that needs an oracle: skipped with the reason when the oracle is missing, except under
/// CI=true, where it runs and fails on the missing oracle instead of silently passing.
/// </summary>
internal sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(Oracle oracle)
    {
        if (!OracleTool.IsRequired && OracleTool.MissingReason(oracle) is { } missing)
        {
            Skip = $"Oracle {oracle} is not available: {missing}.";
        }
    }
}
