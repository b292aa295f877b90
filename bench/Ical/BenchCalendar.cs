using System.Collections.Immutable;
using AuroraTime.Ical.Model;
using AuroraTime.Ical.Values;
using AuroraTime.Ical.Writing;

namespace AuroraTime.Bench.Ical;

/// <summary>
/// A deterministic 10,000-event calendar for the parse/serialise benchmarks: a fifth of the
/// events recur (with EXDATEs), a third carry alarms, some text is non-ASCII and some
/// descriptions are long enough to fold over several lines.
/// </summary>
internal static class BenchCalendar
{
    public const int EventCount = 10_000;

    private static readonly string[] Summaries =
    [
        "Team stand-up", "Quarterly review", "Dentist", "Réunion d'équipe", "Spieleabend bei Jörg",
        "朝会 / Stand-up", "Lunch with Zoë", "Sprint planning", "Yoga 🧘", "Board meeting",
    ];

    private static readonly string[] Locations =
    [
        "Room 1", "Café Schönbrunn, Hauptstraße 12, Berlin", "東京本社 12階", "Online", "Salle « Étoile »",
    ];

    public static string WriteTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"auroratime-bench-{EventCount}.ics");
        File.WriteAllBytes(path, CalendarSerializer.Serialize(Build()));
        return path;
    }

    public static CalendarComponent Build()
    {
        var random = new Random(5545);
        var events = ImmutableArray.CreateBuilder<CalendarComponent>(EventCount + 1);
        events.Add(BerlinZone());
        for (var i = 0; i < EventCount; i++)
        {
            events.Add(Event(i, random));
        }
        return new CalendarComponent("VCALENDAR",
            [
                new CalendarProperty("VERSION", "2.0"),
                new CalendarProperty("PRODID", "-//AuroraTime//Bench//EN"),
                new CalendarProperty("CALSCALE", "GREGORIAN"),
                new CalendarProperty("X-WR-CALNAME", "Benchmark"),
            ],
            events.MoveToImmutable());
    }

    private static CalendarComponent Event(int index, Random random)
    {
        var start = new NodaTime.LocalDateTime(2024, 1, 1, 8, 0).PlusHours(random.Next(0, 24 * 365)).PlusMinutes(15 * random.Next(4));
        var end = start.PlusMinutes(30 * random.Next(1, 5));
        var properties = ImmutableArray.CreateBuilder<CalendarProperty>();
        properties.Add(new CalendarProperty("UID", $"{index:D6}-{random.Next():x8}@bench.example.com"));
        properties.Add(new CalendarProperty("DTSTAMP", "20240101T000000Z"));
        properties.Add(Zoned("DTSTART", start));
        properties.Add(Zoned("DTEND", end));
        properties.Add(new CalendarProperty("SUMMARY", TextValue.Escape($"{Summaries[random.Next(Summaries.Length)]} #{index}")));
        properties.Add(new CalendarProperty("LOCATION", TextValue.Escape(Locations[random.Next(Locations.Length)])));
        var description = index % 4 == 0
            ? string.Concat(Enumerable.Repeat("Agenda: review the numbers, décider des priorités; 次のステップ.\n", 1 + random.Next(6)))
            : "Short note.";
        properties.Add(new CalendarProperty("DESCRIPTION", TextValue.Escape(description)));
        properties.Add(new CalendarProperty("ORGANIZER", [new CalendarParameter("CN", "Ada Lovelace")], "mailto:ada@example.com"));
        for (var a = random.Next(3); a > 0; a--)
        {
            properties.Add(new CalendarProperty("ATTENDEE",
                [new CalendarParameter("CN", $"Guest {a}, Ünit"), new CalendarParameter("PARTSTAT", "NEEDS-ACTION"), new CalendarParameter("RSVP", "TRUE")],
                $"mailto:guest{a}@example.com"));
        }
        properties.Add(new CalendarProperty("SEQUENCE", "0"));
        properties.Add(new CalendarProperty("X-MICROSOFT-CDO-BUSYSTATUS", "BUSY"));
        if (index % 5 == 0)
        {
            properties.Add(new CalendarProperty("RRULE", "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20"));
            properties.Add(Zoned("EXDATE", start.PlusWeeks(1)));
        }
        var components = ImmutableArray<CalendarComponent>.Empty;
        if (index % 3 == 0)
        {
            components =
            [
                new CalendarComponent("VALARM",
                    [
                        new CalendarProperty("ACTION", "DISPLAY"),
                        new CalendarProperty("TRIGGER", "-PT15M"),
                        new CalendarProperty("DESCRIPTION", "Reminder"),
                    ],
                    default),
            ];
        }
        return new CalendarComponent("VEVENT", properties.ToImmutable(), components);
    }

    private static CalendarProperty Zoned(string name, NodaTime.LocalDateTime local) =>
        new(name, [new CalendarParameter("TZID", "Europe/Berlin")], IcalDateTime.FromLocal(local, "Europe/Berlin").ToValueString());

    private static CalendarComponent BerlinZone() => new("VTIMEZONE",
        [new CalendarProperty("TZID", "Europe/Berlin")],
        [
            new CalendarComponent("DAYLIGHT",
                [
                    new CalendarProperty("TZOFFSETFROM", "+0100"), new CalendarProperty("TZOFFSETTO", "+0200"),
                    new CalendarProperty("TZNAME", "CEST"), new CalendarProperty("DTSTART", "19700329T020000"),
                    new CalendarProperty("RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
                ], default),
            new CalendarComponent("STANDARD",
                [
                    new CalendarProperty("TZOFFSETFROM", "+0200"), new CalendarProperty("TZOFFSETTO", "+0100"),
                    new CalendarProperty("TZNAME", "CET"), new CalendarProperty("DTSTART", "19701025T030000"),
                    new CalendarProperty("RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
                ], default),
        ]);
}
