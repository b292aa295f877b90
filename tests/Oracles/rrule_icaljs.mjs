// Oracle: expands every case of the RRULE corpus with ical.js's ICAL.RecurIterator (Mozilla's, as in
// Thunderbird). Usage: node rrule_icaljs.mjs FILE.rrules... > result.json
// Prints {"oracle": ..., "cases": {id: {"instances": [YYYYMMDDTHHMMSS...]} | {"error": text}}}: wall-clock
// times, at most LIMIT of them and only those before the corpus window end.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import ICAL from 'ical.js';

const DEFAULT_LIMIT = 50;
const WINDOW_END = '22000101T000000';
const CASE_TIME_LIMIT_MS = 3000;

// ical.js has no time zone database. These VTIMEZONEs carry the zones' current rules, which hold for
// every zoned DTSTART in the corpus (2008 or later); they matter only where UNTIL is compared in UTC.
const ZONES = {
  'America/New_York': [['-0500', '-0400', '2', 'SU', 3, 11]],
  'America/Los_Angeles': [['-0800', '-0700', '2', 'SU', 3, 11]],
  'Europe/Berlin': [['+0100', '+0200', '-1', 'SU', 3, 10]],
  'Europe/London': [['+0000', '+0100', '-1', 'SU', 3, 10]],
  'Australia/Sydney': [['+1000', '+1100', '1', 'SU', 10, 4]],
  'Pacific/Auckland': [['+1200', '+1300', '-1', 'SU', 9, 4]],
  'Asia/Kolkata': [],
};
const FIXED_OFFSETS = { 'Asia/Kolkata': '+0530' };
// Local time of the change: 02:00 in America, 02:00/03:00 in Europe and the southern zones.
const CHANGE_TIMES = {
  'America/New_York': ['020000', '020000'], 'America/Los_Angeles': ['020000', '020000'],
  'Europe/Berlin': ['020000', '030000'], 'Europe/London': ['010000', '020000'],
  'Australia/Sydney': ['020000', '030000'], 'Pacific/Auckland': ['020000', '030000'],
};

function vtimezone(tzid) {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tzid}`];
  if (FIXED_OFFSETS[tzid]) {
    const offset = FIXED_OFFSETS[tzid];
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const [standard, daylight, ordinal, day, startMonth, endMonth] of ZONES[tzid]) {
    const [toDaylightAt, toStandardAt] = CHANGE_TIMES[tzid];
    const month = (m) => String(m).padStart(2, '0');
    lines.push('BEGIN:DAYLIGHT', `DTSTART:1970${month(startMonth)}01T${toDaylightAt}`,
      `RRULE:FREQ=YEARLY;BYMONTH=${startMonth};BYDAY=${ordinal}${day}`,
      `TZOFFSETFROM:${standard}`, `TZOFFSETTO:${daylight}`, 'END:DAYLIGHT');
    const endOrdinal = tzid.startsWith('America/') ? '1' : (tzid === 'Australia/Sydney' || tzid === 'Pacific/Auckland' ? '1' : '-1');
    lines.push('BEGIN:STANDARD', `DTSTART:1970${month(endMonth)}01T${toStandardAt}`,
      `RRULE:FREQ=YEARLY;BYMONTH=${endMonth};BYDAY=${endOrdinal}${day}`,
      `TZOFFSETFROM:${daylight}`, `TZOFFSETTO:${standard}`, 'END:STANDARD');
  }
  lines.push('END:VTIMEZONE');
  return new ICAL.Timezone(new ICAL.Component(ICAL.parse(lines.join('\r\n'))));
}

function readCases(paths) {
  const cases = [];
  for (const path of paths) {
    let current = null;
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (line.startsWith('#')) continue;
      if (!line.trim()) {
        if (current) cases.push(current);
        current = null;
        continue;
      }
      const colon = line.indexOf(':');
      const key = line.slice(0, colon).trim().toUpperCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'CASE') {
        if (current) cases.push(current);
        current = { id: value, limit: DEFAULT_LIMIT, tzid: null, skip: [] };
      } else if (key === 'DTSTART') current.dtstart = value;
      else if (key === 'TZID') current.tzid = value;
      else if (key === 'RRULE') current.rrule = value;
      else if (key === 'LIMIT') current.limit = Number.parseInt(value, 10);
      else if (key === 'SKIP') current.skip.push(value.split(':')[0].trim());
    }
    if (current) cases.push(current);
  }
  return cases;
}

function parseLocal(text, zone) {
  const data = {
    year: +text.slice(0, 4), month: +text.slice(4, 6), day: +text.slice(6, 8),
    hour: 0, minute: 0, second: 0, isDate: text.length === 8,
  };
  if (text.length > 8) {
    data.hour = +text.slice(9, 11); data.minute = +text.slice(11, 13); data.second = +text.slice(13, 15);
  }
  return zone ? ICAL.Time.fromData(data, zone) : ICAL.Time.fromData(data);
}

function format(time) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(time.year, 4)}${pad(time.month)}${pad(time.day)}T${pad(time.hour)}${pad(time.minute)}${pad(time.second)}`;
}

const zones = new Map();
function zoneFor(tzid) {
  if (!tzid) return null;
  if (!(tzid in ZONES)) throw new Error(`no VTIMEZONE for ${tzid} in rrule_icaljs.mjs`);
  if (!zones.has(tzid)) zones.set(tzid, vtimezone(tzid));
  return zones.get(tzid);
}

function expand(c) {
  const zone = zoneFor(c.tzid);
  const recur = ICAL.Recur.fromString(c.rrule);
  const iterator = recur.iterator(parseLocal(c.dtstart, zone));
  const instances = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const text = format(next);
    if (text >= WINDOW_END || instances.length >= c.limit) break;
    instances.push(text);
  }
  return instances;
}

// ical.js can spin inside one next() call for a long time on sparse sub-daily rules, and synchronous
// code cannot be interrupted; so cases run in a worker thread that is replaced when a case stalls.
if (isMainThread) {
  const cases = readCases(process.argv.slice(2)).filter((c) => !c.skip.includes('icaljs'));
  const results = {};
  let next = 0;
  const runFrom = () => new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { cases: cases.slice(next) } });
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        results[cases[next].id] = { error: `ical.js needed more than ${CASE_TIME_LIMIT_MS} ms` };
        next++;
        worker.terminate().then(resolve);
      }, CASE_TIME_LIMIT_MS);
    };
    arm();
    worker.on('message', (message) => {
      results[message.id] = message.result;
      next++;
      arm();
    });
    worker.on('exit', () => { clearTimeout(timer); resolve(); });
  });
  while (next < cases.length) {
    await runFrom();
  }
  const version = JSON.parse(readFileSync(new URL('./node_modules/ical.js/package.json', import.meta.url), 'utf8')).version;
  process.stdout.write(JSON.stringify({ oracle: `ical.js ${version}`, cases: results }));
} else {
  for (const c of workerData.cases) {
    let result;
    try {
      result = { instances: expand(c) };
    } catch (error) {
      result = { error: String(error && error.message ? error.message : error) };
    }
    parentPort.postMessage({ id: c.id, result });
  }
}
