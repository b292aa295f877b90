using AuroraTime.Ical.Tests.Oracles;
using Xunit.Abstractions;

namespace AuroraTime.Ical.Tests.Occurrences;

/// <summary>
/// Compares our expansion of every file in TestData/occurrences with two independent
/// implementations: python3-recurring-ical-events 2.0.1 and ical.js 2.2.1, each run once.
/// Every disagreement must be listed in KNOWN-DIFFERENCES.md (with the RFC text saying who is
/// right), and every listed one must still occur, so the list cannot go stale; the one exception
/// is a row naming only one of our own bugs ("ours-wrong-..."), whose fix is reported instead.
/// </summary>
public sealed class OccurrenceOracleTests(ITestOutputHelper output)
{
    private static readonly Lazy<OracleProcess> Python = new(() => OracleProcess.Run(
        "recurring-ical-events", Oracle.PythonRecurringIcalEvents, "/usr/bin/python3",
        "occurrences_recurring_ical_events.py", OccurrenceCorpus.Files));

    private static readonly Lazy<OracleProcess> IcalJs = new(() => OracleProcess.Run(
        "ical.js", Oracle.IcalJs, "node", "occurrences_icaljs.mjs", OccurrenceCorpus.Files));

    private static readonly Lazy<Dictionary<string, OracleAnswer>> Ours = new(() =>
        OccurrenceCorpus.Files.ToDictionary(f => Path.GetFileName(f), OccurrenceCorpus.Expand));

    [Fact]
    public void The_corpus_has_at_least_150_files_and_every_one_expands()
    {
        Assert.True(OccurrenceCorpus.Files.Count >= 150, $"only {OccurrenceCorpus.Files.Count} files");
        Assert.All(Ours.Value, pair => Assert.Null(pair.Value.Error));
    }

    [OracleFact(Oracle.PythonRecurringIcalEvents)]
    public void Python_recurring_ical_events_agrees_except_for_known_differences() => Compare(Python.Value);

    [OracleFact(Oracle.IcalJs)]
    public void Icaljs_agrees_except_for_known_differences() => Compare(IcalJs.Value);

    private void Compare(OracleProcess oracle)
    {
        // A missing oracle skips this test (OracleFact) except under CI=true, where it fails here;
        // an installed oracle that fails to answer is a failure everywhere.
        OracleTool.Require(oracle.Kind);
        Assert.True(oracle.Failure is null, $"oracle {oracle.Name} gave no answers: {oracle.Failure}");
        var known = KnownDifferences.Load().Where(k => k.Oracle == oracle.Name).ToDictionary(k => k.File, StringComparer.Ordinal);
        var unexpected = new List<string>();
        var stale = new List<string>();
        foreach (var (file, ours) in Ours.Value)
        {
            var theirs = oracle.Answers.GetValueOrDefault(file) ?? new OracleAnswer(null, "no answer");
            var agree = theirs.Error is null && ours.Spans is not null && theirs.Spans!.SequenceEqual(ours.Spans);
            var listed = known.ContainsKey(file);
            if (!agree && !listed)
            {
                unexpected.Add($"{file}\n  ours:   {ours}\n  {oracle.Name}: {theirs}");
            }
            else if (agree && listed)
            {
                if (known[file].Reason.StartsWith("ours-wrong-", StringComparison.Ordinal)
                    && !known[file].Reason.Contains(',', StringComparison.Ordinal))
                {
                    // Our own bug, fixed elsewhere since the row was written: progress, not a stale
                    // excuse. The row should be deleted; it is reported rather than failed so that the
                    // fixing branch can merge without touching this folder.
                    output.WriteLine($"FIXED, delete the row: {file} ({oracle.Name})");
                }
                else
                {
                    stale.Add(file);
                }
            }
        }
        foreach (var line in unexpected)
        {
            output.WriteLine(line);
        }
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexplained disagreements with {oracle.Name}:\n{string.Join("\n", unexpected.Take(15))}");
        Assert.True(stale.Count == 0, $"listed as different from {oracle.Name} but now agreeing: {string.Join(", ", stale)}");
    }
}
