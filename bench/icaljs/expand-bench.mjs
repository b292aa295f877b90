// Times ical.js expanding every recurring VEVENT of the benchmark file in full (ICAL.Event's
// iterator applies RRULE and EXDATE), the same work as `AuroraTime.Bench expand-ical`.
// Usage: node expand-bench.mjs <file.ics> [runs]. Prints JSON: medians in ms, instances, series.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const ICAL = (await import(path.join(here, "../../tests/Oracles/node_modules/ical.js/dist/ical.js"))).default;

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 7);
const component = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
const series = component.getAllSubcomponents("vevent").filter((e) => e.hasProperty("rrule"));

function expandAll() {
  let count = 0;
  for (const vevent of series) {
    const iterator = new ICAL.Event(vevent).iterator();
    while (iterator.next()) count++;
  }
  return count;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let instances = expandAll(); // warm-up, also the count
const wall = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  instances = expandAll();
  wall.push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1e3);
}
console.log(JSON.stringify({ library: "ical.js", expandMs: median(wall), expandCpuMs: median(cpu), instances, series: series.length }));
