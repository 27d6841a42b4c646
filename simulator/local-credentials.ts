// Local-only app credentials, as the simulated Partner Dashboard issues them
// for running offline (npm start, npm run sim, npm run demo): one secret per
// checkout under .data/, so the app and the simulator sign and verify with the
// same key. Shopify would reject them.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LOCAL_API_KEY = "storehouse-local";

export function localApiSecret(): string {
  const secretFile = path.resolve(".data", "local-app-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(path.dirname(secretFile), { recursive: true });
    writeFileSync(secretFile, randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(secretFile, "utf8").trim();
}
