#!/usr/bin/env node
// `npx storehouse <command>`: the CLI (cli/index.ts) run against a ready
// database, the one in DATABASE_URL or the embedded one, as `npm start` runs
// the web (scripts/with-database.ts; `--help` answers without a database).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = ["--import", "tsx"];
const child = spawn(
  process.execPath,
  [...tsx, "scripts/with-database.ts", "--", process.execPath, ...tsx, "cli/index.ts", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
