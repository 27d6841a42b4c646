#!/usr/bin/env node
// `npx storehouse <command>`: the CLI (cli/index.ts) in this process, with
// the same environment as `npm start` (a .env in the app's folder is read;
// real environment variables win). A command that runs makes the database
// ready first (DATABASE_URL, or the embedded one); `--help` and usage errors
// answer before any of that.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
if (existsSync(".env")) process.loadEnvFile(".env");
const { register } = await import("tsx/esm/api");
register({ tsconfig: `${root}tsconfig.json` });
await import("../cli/index.ts");
