// Times Mozilla's ical.js (the parser Thunderbird uses) on the same file as the .NET benchmarks:
// parse (ICAL.parse + new ICAL.Component, i.e. the jCal tree) and serialise (component.toString()).
// Usage: node parse-bench.mjs <file.ics> [runs]   Prints JSON with medians in ms and MB/s, by wall
// clock and by process CPU time (all threads, so GC helpers count; waiting for a core does not).
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
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    action();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1e3);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

let component;
const parse = time(() => { component = new ICAL.Component(ICAL.parse(text)); });
let events = component.getAllSubcomponents("vevent").length;
const serialise = time(() => component.toString());
const parseMs = parse.wallMs;
const serialiseMs = serialise.wallMs;

console.log(JSON.stringify({
  library: "ical.js", events, megabytes,
  parseMs, parseMBps: megabytes / (parseMs / 1000),
  serialiseMs, serialiseMBps: megabytes / (serialiseMs / 1000),
  parseCpuMs: parse.cpuMs, parseCpuMBps: megabytes / (parse.cpuMs / 1000),
  serialiseCpuMs: serialise.cpuMs, serialiseCpuMBps: megabytes / (serialise.cpuMs / 1000),
}));
