// npm run bench:cli: how fast `npx storehouse` starts. Times `--help` of the
// top level and of every command (the target: under one second each), and
// the start of a command that opens the database (`shops list --json`, when
// DATABASE_URL is set), each run a few times; prints median and worst.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

const RUNS = 3;

if (process.argv.includes("--help")) {
  console.log(`npm run bench:cli: start-up time of \`npx storehouse --help\` for every command (target < 1 s),
and of \`shops list --json\` against DATABASE_URL when it is set.`);
  process.exit(0);
}

function time(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["bin/storehouse.mjs", ...args], { encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`storehouse ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function subcommands(help: string): string[] {
  return (help.split("Commands:\n")[1] ?? "")
    .split("\n")
    .map((line) => /^ {2}([a-z][a-z-]*)/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name) && name !== "help");
}

const rows: { command: string; median: number; worst: number }[] = [];
const pending: string[][] = [[]];
while (pending.length) {
  const path = pending.shift()!;
  const runs = Array.from({ length: RUNS }, () => time([...path, "--help"]));
  const sorted = runs.map((run) => run.ms).sort((a, b) => a - b);
  rows.push({
    command: `storehouse ${path.join(" ")} --help`.replace("  ", " "),
    median: sorted[1]!,
    worst: sorted.at(-1)!,
  });
  for (const child of subcommands(runs[0]!.stdout)) pending.push([...path, child]);
}
if (process.env.DATABASE_URL) {
  const sorted = Array.from({ length: RUNS }, () => time(["shops", "list", "--json"]).ms).sort((a, b) => a - b);
  rows.push({
    command: "storehouse shops list --json (opens the database)",
    median: sorted[1]!,
    worst: sorted.at(-1)!,
  });
}

const width = Math.max(...rows.map((row) => row.command.length));
for (const row of rows) {
  console.log(
    `${row.command.padEnd(width)}  median ${row.median.toFixed(0).padStart(5)} ms  worst ${row.worst.toFixed(0).padStart(5)} ms`,
  );
}
const helps = rows.filter((row) => row.command.endsWith("--help"));
const worst = Math.max(...helps.map((row) => row.worst));
console.log(
  `\n${helps.length} commands; slowest --help ${worst.toFixed(0)} ms (target < 1000 ms): ${worst < 1000 ? "met" : "MISSED"}`,
);
