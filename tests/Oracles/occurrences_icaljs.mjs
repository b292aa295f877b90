// Oracle: ical.js 2.2.1 (Mozilla's, used by Thunderbird), ICAL.Event iterator with exceptions.
// Usage: node occurrences_icaljs.mjs FILE.ics...
// Each file's window is its VCALENDAR's X-AURORA-WINDOW:<start>/<end> (UTC). Prints one JSON
// object: {"<file name>": [["<start UTC>", "<end UTC>"], ...] sorted, or {"error": "..."}}.
// Floating times and DATEs are read as UTC, matching the C# side's floating zone.
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';

const MAX_STEPS = 100000;

function iso(time) {
  return new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
}

function parseUtc(text) {
  return ICAL.Time.fromDateTimeString(
    `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`);
}

function expand(file) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const [startText, endText] = calendar.getFirstPropertyValue('x-aurora-window').split('/');
  const windowStart = parseUtc(startText).toUnixTime();
  const windowEnd = parseUtc(endText).toUnixTime();
  const byUid = new Map();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const uid = vevent.getFirstPropertyValue('uid');
    if (!byUid.has(uid)) byUid.set(uid, []);
    byUid.get(uid).push(vevent);
  }
  const result = [];
  const inWindow = (s, e) => s < windowEnd && (e > windowStart || (e === s && s >= windowStart));
  for (const components of byUid.values()) {
    const master = components.find(c => !c.hasProperty('recurrence-id'));
    const exceptions = components.filter(c => c.hasProperty('recurrence-id'));
    if (!master) {
      for (const c of exceptions) {
        const e = new ICAL.Event(c);
        if (inWindow(e.startDate.toUnixTime(), e.endDate.toUnixTime())) result.push([iso(e.startDate), iso(e.endDate)]);
      }
      continue;
    }
    const event = new ICAL.Event(master, { exceptions });
    if (!event.isRecurring()) {
      if (inWindow(event.startDate.toUnixTime(), event.endDate.toUnixTime())) result.push([iso(event.startDate), iso(event.endDate)]);
      continue;
    }
    const iterator = event.iterator();
    let next;
    for (let steps = 0; steps < MAX_STEPS && (next = iterator.next()); steps++) {
      const details = event.getOccurrenceDetails(next);
      const s = details.startDate.toUnixTime();
      const e = details.endDate.toUnixTime();
      // Overrides may move far; stop only well past the window (one year of slack).
      if (next.toUnixTime() >= windowEnd + 366 * 86400) break;
      if (inWindow(s, e)) result.push([iso(details.startDate), iso(details.endDate)]);
    }
  }
  return result.sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
}

const output = {};
for (const file of process.argv.slice(2)) {
  try {
    output[path.basename(file)] = expand(file);
  } catch (error) {
    output[path.basename(file)] = { error: String(error) };
  }
}
process.stdout.write(JSON.stringify(output, null, 0));
