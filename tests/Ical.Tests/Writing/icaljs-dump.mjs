// Oracle for WriterOracleTests: parses each iCalendar file given on the command line with Mozilla's
// ical.js and prints one JSON tree per file: component names, property names in order, decoded
// parameter values and, for TEXT properties, the unescaped value.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [icalPath, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(icalPath).href)).default;
const textProperties = new Set(["summary", "description", "location", "comment"]);

function dump(component) {
  return {
    name: component.name.toUpperCase(),
    properties: component.getAllProperties().map((property) => {
      const parameters = {};
      for (const [name, value] of Object.entries(property.toJSON()[1])) {
        parameters[name.toUpperCase()] = Array.isArray(value) ? value.join(",") : String(value);
      }
      return {
        name: property.name.toUpperCase(),
        parameters,
        type: property.type.toUpperCase(), // jCal moves the VALUE parameter here (RFC 7265 3.4.1.1)
        text: textProperties.has(property.name) ? String(property.getFirstValue() ?? "") : null,
      };
    }),
    components: component.getAllSubcomponents().map(dump),
  };
}

const trees = files.map((file) => dump(new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")))));
console.log(JSON.stringify(trees));
