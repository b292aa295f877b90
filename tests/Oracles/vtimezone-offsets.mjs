// Oracle for the TZ tests: reads {"cases": [{"ics": VTIMEZONE text, "locals": ["2024-03-10T01:30:00"]}]}
// on stdin and prints, per case, the UTC offset in seconds that ical.js (Mozilla's, as in
// Thunderbird) gives each local wall time in that zone (ICAL.Timezone.utcOffset, its own API),
// as a JSON list of lists (one process for many zones).
import ICAL from "ical.js";

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const answers = request.cases.map((testCase) => {
    const component = new ICAL.Component(ICAL.parse(testCase.ics));
    const vtimezone = component.name === "vtimezone" ? component : component.getFirstSubcomponent("vtimezone");
    const zone = new ICAL.Timezone(vtimezone);
    return testCase.locals.map((text) => zone.utcOffset(ICAL.Time.fromDateTimeString(text)));
  });
  process.stdout.write(JSON.stringify(answers));
});
