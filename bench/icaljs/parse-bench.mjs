// Times Mozilla's ical.js (the parser Thunderbird uses) on the same file as the .NET benchmarks:
// parse (ICAL.parse + new ICAL.Component, i.e. the jCal tree) and serialise (component.toString()).
// Usage: node parse-bench.mjs <file.ics> [runs]   Prints JSON with medians in ms and MB/s.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const ICAL = (await import(path.join(here, "../../tests/Oracles/node_modules/ical.js/dist/ical.js"))).default;

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 7);
const text = readFileSync(file, "utf8");
const megabytes = Buffer.byteLength(text, "utf8") / 1e6;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(action) {
  action(); // warm-up run, not counted
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    action();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

let component;
const parseMs = time(() => { component = new ICAL.Component(ICAL.parse(text)); });
let events = component.getAllSubcomponents("vevent").length;
const serialiseMs = time(() => component.toString());

console.log(JSON.stringify({
  library: "ical.js", events, megabytes,
  parseMs, parseMBps: megabytes / (parseMs / 1000),
  serialiseMs, serialiseMBps: megabytes / (serialiseMs / 1000),
}));
