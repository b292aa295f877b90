using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Ical.Tests.Reading;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Ical.Tests.Fuzz;

/// <summary>
/// Corrupted variants of the client fixtures: the engine may refuse them, but only with its one
/// documented error type and a real position, and whatever it accepts must write back cleanly.
/// Fixed seeds keep every run identical.
/// </summary>
public class MutationFuzzTests
{
    private const int VariantsPerFixture = 1200;

    public static TheoryData<string> Fixtures => new()
    {
        "apple-calendar.ics", "google-calendar.ics", "outlook.ics", "thunderbird.ics", "evolution.ics",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Corrupted_fixtures_only_ever_raise_IcalFormatException_with_a_line(string file)
    {
        var original = ClientFixtureTests.Fixture(file);
        var random = new Random(20240101 + file.Length);
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < VariantsPerFixture; i++)
        {
            var mutant = Mutate(original, random);
            foreach (var options in new[] { IcalReaderOptions.Lenient, IcalReaderOptions.Strict })
            {
                IReadOnlyList<CalendarComponent> parsed;
                try
                {
                    parsed = CalendarParser.Parse(mutant, options);
                }
                catch (IcalFormatException error)
                {
                    Assert.True(error.Line >= 1, $"variant {i}: error without a line: {error.Message}");
                    Assert.True(error.Column >= 1, $"variant {i}: error without a column: {error.Message}");
                    refused++;
                    continue;
                }
                catch (Exception other)
                {
                    Assert.Fail($"{file} variant {i} ({options.IsLenient}): {other.GetType().Name}: {other.Message}\n{Convert.ToBase64String(mutant)}");
                    throw;
                }
                accepted++;
                foreach (var component in parsed)
                {
                    ParseEveryValue(component);
                    // What was accepted writes back to stable output that Strict reads, unless the
                    // model itself breaks a rule only Lenient forgives (no VERSION, not a VCALENDAR).
                    var written = CalendarSerializer.Serialize(component);
                    var rereadOptions = ModelNeedsLenient(component) ? IcalReaderOptions.Lenient : IcalReaderOptions.Strict;
                    var reread = Assert.Single(CalendarParser.Parse(written, rereadOptions));
                    CalendarParserTests.AssertEqualModels(component, reread);
                    Assert.Equal(written, CalendarSerializer.Serialize(reread));
                }
            }
        }
        Assert.True(accepted > 100 && refused > 100, $"accepted {accepted}, refused {refused}: mutations too weak or too strong");
    }

    private static bool ModelNeedsLenient(CalendarComponent top) =>
        top.Name != "VCALENDAR" || HasCalendarWithoutVersion(top) || HasTzidThatNeedsQuotes(top);

    // TZID is paramtext (RFC 5545 3.2.19): one holding ':' ';' or ',' can only be written quoted.
    private static bool HasTzidThatNeedsQuotes(CalendarComponent component) =>
        component.Properties.Any(p => p.GetParameterValue("TZID") is { } tzid && tzid.AsSpan().IndexOfAny(":;,") >= 0)
        || component.Components.Any(HasTzidThatNeedsQuotes);

    private static bool HasCalendarWithoutVersion(CalendarComponent component) =>
        (component.Name == "VCALENDAR" && component.GetProperty("VERSION") is null)
        || component.Components.Any(HasCalendarWithoutVersion);

    private static void ParseEveryValue(CalendarComponent component)
    {
        foreach (var property in component.Properties)
        {
            // Each value parser on the properties that carry its type, as the engine's users call them.
            switch (property.Name)
            {
                case "DTSTART" or "DTEND" or "DUE" or "RECURRENCE-ID" or "DTSTAMP" or "CREATED" or "LAST-MODIFIED":
                    Try(property, () => IcalDateTime.FromProperty(property));
                    break;
                case "EXDATE" or "RDATE":
                    Try(property, () => DateTimeListValue.Parse(property));
                    Try(property, () => DateTimeListValue.ParsePeriods(property));
                    break;
                case "DURATION" or "TRIGGER":
                    Try(property, () => IcalDuration.Parse(property.RawValue));
                    break;
                case "TZOFFSETFROM" or "TZOFFSETTO":
                    Try(property, () => UtcOffsetValue.Parse(property.RawValue));
                    break;
                case "FREEBUSY":
                    Try(property, () => IcalPeriod.Parse(property.RawValue, property.GetParameterValue("TZID")));
                    break;
                case "CATEGORIES" or "RESOURCES":
                    Try(property, () => TextValue.SplitList(property.RawValue));
                    break;
                case "SUMMARY" or "DESCRIPTION" or "LOCATION":
                    Try(property, () => TextValue.Unescape(TextValue.Escape(TextValue.Unescape(property.RawValue))));
                    break;
            }
        }
        foreach (var child in component.Components)
        {
            ParseEveryValue(child);
        }
    }

    private static void Try(CalendarProperty property, Func<object> parse)
    {
        try
        {
            parse();
        }
        catch (IcalFormatException)
        {
        }
        catch (Exception other)
        {
            Assert.Fail($"{property}: {other.GetType().Name}: {other.Message}");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var lines = SplitLines(original);
        switch (random.Next(8))
        {
            case 0: // truncate
                return original[..random.Next(original.Length)];
            case 1: // flip bytes
                {
                    var copy = (byte[])original.Clone();
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }
                    return copy;
                }
            case 2: // duplicate a line
                {
                    var at = random.Next(lines.Count);
                    lines.Insert(random.Next(lines.Count), lines[at]);
                    return Join(lines);
                }
            case 3: // delete lines
                for (var n = random.Next(1, 3); n > 0 && lines.Count > 1; n--)
                {
                    lines.RemoveAt(random.Next(lines.Count));
                }
                return Join(lines);
            case 4: // swap two lines
                {
                    var a = random.Next(lines.Count);
                    var b = random.Next(lines.Count);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    return Join(lines);
                }
            case 5: // insert invalid UTF-8
                {
                    byte[][] invalid = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
                    return Insert(original, random.Next(original.Length), invalid[random.Next(invalid.Length)]);
                }
            case 6: // insert syntax characters
                {
                    byte[][] syntax = [":"u8.ToArray(), ";"u8.ToArray(), "\""u8.ToArray(), ","u8.ToArray(), "^"u8.ToArray(),
                        "\r\n"u8.ToArray(), "\r\n "u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "="u8.ToArray(), "\\"u8.ToArray(), [0]];
                    return Insert(original, random.Next(original.Length), syntax[random.Next(syntax.Length)]);
                }
            default: // damage a value: replace a digit or letter run
                {
                    var copy = (byte[])original.Clone();
                    var at = random.Next(copy.Length);
                    for (var n = random.Next(1, 4); n > 0 && at < copy.Length; n--, at++)
                    {
                        copy[at] = (byte)"0123456789TZPWDHMS+-/,"[random.Next(22)];
                    }
                    return copy;
                }
        }
    }

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }
        return lines;
    }

    private static byte[] Join(List<byte[]> lines) => lines.SelectMany(l => l).ToArray();

    private static byte[] Insert(byte[] original, int at, byte[] extra) =>
        [.. original.AsSpan(0, at), .. extra, .. original.AsSpan(at)];
}
