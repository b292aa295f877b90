using AuroraTime.Ical.Tests.Oracles;
using AuroraTime.Ical.Tests.Recurrence.Corpus;
using Xunit.Abstractions;

namespace AuroraTime.Ical.Tests.Recurrence;

/// <summary>
/// The engine against the RRULE corpus: the authoritative EXPECT lines, and the two independent
/// implementations. Every disagreement with an oracle is either a bug or recorded, with the deciding
/// RFC 5545 text, in KNOWN-DIFFERENCES.md; a recorded difference that disappears also fails, so the
/// record cannot silently rot.
/// </summary>
public sealed class RecurrenceCorpusTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<RecurrenceCase>> Cases = new(RecurrenceCorpusReader.ReadAll);

    private static readonly Lazy<IReadOnlyDictionary<string, CaseOutcome>> OurOutcomes = new(() =>
        Cases.Value.ToDictionary(c => c.Id, EngineCaseRunner.Run, StringComparer.Ordinal));

    [Fact]
    public void TheCorpusHasAtLeastTwoThousandUniquelyNamedCases()
    {
        var ids = Cases.Value.Select(c => c.Id).ToArray();
        Assert.True(ids.Length >= 2000, $"only {ids.Length} cases");
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryCaseWithAnExpectedAnswerExpandsToIt()
    {
        var failures = new List<string>();
        int checkedCases = 0;
        foreach (var testCase in Cases.Value.Where(c => c.Expected is not null))
        {
            checkedCases++;
            var ours = OurOutcomes.Value[testCase.Id];
            var expected = CaseOutcome.Of(testCase.Expected!);
            if (!ours.AgreesWith(expected))
            {
                failures.Add($"{testCase}: {ours.DescribeDifference(expected)}");
            }
        }
        output.WriteLine($"{checkedCases} cases with EXPECT checked");
        Assert.True(checkedCases >= 40, $"only {checkedCases} cases have EXPECT lines");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [OracleFact(Oracle.PythonDateutil)]
    public void TheEngineAgreesWithDateutilExceptForRecordedDifferences() => CompareWith(RecurrenceOracle.Dateutil);

    [OracleFact(Oracle.IcalJs)]
    public void TheEngineAgreesWithIcalJsExceptForRecordedDifferences() => CompareWith(RecurrenceOracle.IcalJs);

    private void CompareWith(RecurrenceOracle oracle)
    {
        OracleTool.Require(oracle.Kind);
        var theirs = oracle.ExpandAll(RecurrenceCorpusReader.Files());
        var known = KnownDifferences.For(oracle.Name);
        var unexpected = new List<string>();
        var differences = new List<string>();
        var stale = new List<string>();
        int compared = 0, agreed = 0, recorded = 0;
        foreach (var testCase in Cases.Value)
        {
            if (testCase.SkippedOracles.Contains(oracle.Name))
            {
                continue;
            }
            Assert.True(theirs.TryGetValue(testCase.Id, out var their), $"{oracle.Name} returned nothing for {testCase.Id}");
            compared++;
            var ours = OurOutcomes.Value[testCase.Id];
            bool agrees = ours.AgreesWith(their!);
            bool isKnown = known.TryGetValue(testCase.Id, out var category);
            if (!agrees)
            {
                differences.Add($"{testCase.Id}\t{testCase.Rule}\t{ours.DescribeDifference(their!)}");
            }
            if (agrees)
            {
                agreed++;
                if (isKnown)
                {
                    stale.Add($"{testCase.Id} ({category}) now agrees: remove it from KNOWN-DIFFERENCES.md");
                }
            }
            else if (isKnown)
            {
                recorded++;
            }
            else
            {
                unexpected.Add($"{testCase}: {ours.DescribeDifference(their!)}");
            }
        }
        foreach (string id in known.Keys.Where(id => Cases.Value.All(c => c.Id != id)))
        {
            stale.Add($"{id} is recorded but not in the corpus");
        }
        // All current differences, for triage into KNOWN-DIFFERENCES.md (tests/Oracles/rrule_triage_differences.py).
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, $"rrule-differences-{oracle.Name}.tsv"), differences);
        output.WriteLine($"{oracle.Name}: {compared} cases compared, {agreed} agree, {recorded} recorded differences, {unexpected.Count} unexpected");
        foreach (string line in unexpected)
        {
            output.WriteLine("UNEXPECTED " + line);
        }
        Assert.True(unexpected.Count == 0 && stale.Count == 0,
            $"{unexpected.Count} unexpected differences, {stale.Count} stale records:{Environment.NewLine}"
            + string.Join(Environment.NewLine, unexpected.Take(40).Concat(stale.Take(40))));
    }
}
