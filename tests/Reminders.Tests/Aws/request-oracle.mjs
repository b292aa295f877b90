// Request oracle: what the official AWS JS SDK (v3, pinned in package.json) sends for one call.
// Reads {operation, region, credentials, timeMs, input} as JSON on stdin and prints the request it
// would send as JSON: method, path, query, headers, body. Nothing leaves the machine: a custom
// requestHandler captures the request instead of sending it. The clock is fixed by replacing
// Date.now, which the SDK's signing time comes from.
//
// Headers that are the SDK's own bookkeeping (user-agent, x-amz-user-agent, amz-sdk-invocation-id,
// amz-sdk-request) are removed just before signing, so the signature covers only what our client
// sends too. The xunit side lists these as the legitimate differences.
import { SchedulerClient, CreateScheduleCommand, DeleteScheduleCommand } from "@aws-sdk/client-scheduler";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";

const SDK_ONLY_HEADERS = ["user-agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"];

const spec = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

Date.now = () => spec.timeMs;

class Captured extends Error {
  constructor(request) {
    super("captured");
    this.request = request;
  }
}

const config = {
  region: spec.region,
  credentials: spec.credentials,
  maxAttempts: 1,
  requestHandler: { handle: async (request) => { throw new Captured(request); } },
};

const [client, command] = (() => {
  switch (spec.operation) {
    case "CreateSchedule": return [new SchedulerClient(config), new CreateScheduleCommand(spec.input)];
    case "DeleteSchedule": return [new SchedulerClient(config), new DeleteScheduleCommand(spec.input)];
    case "SendEmail": {
      const input = structuredClone(spec.input);
      if (input.Content?.Raw?.Data) input.Content.Raw.Data = Buffer.from(input.Content.Raw.Data, "base64");
      return [new SESv2Client(config), new SendEmailCommand(input)];
    }
    default: throw new Error(`unknown operation ${spec.operation}`);
  }
})();

client.middlewareStack.addRelativeTo(
  (next) => async (args) => {
    for (const name of Object.keys(args.request.headers)) {
      if (SDK_ONLY_HEADERS.includes(name.toLowerCase())) delete args.request.headers[name];
    }
    return next(args);
  },
  { relation: "before", toMiddleware: "httpSigningMiddleware", name: "auroraStripSdkHeaders" });

try {
  await client.send(command);
  throw new Error("the request handler was not called");
} catch (error) {
  if (!(error instanceof Captured) && !(error?.request)) throw error;
  const request = error.request ?? error.$response;
  const body = request.body === undefined ? "" : Buffer.from(request.body).toString("utf8");
  process.stdout.write(JSON.stringify({
    method: request.method,
    hostname: request.hostname,
    path: request.path,
    query: request.query ?? {},
    headers: request.headers,
    body,
  }));
}
