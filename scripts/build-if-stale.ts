// Builds the app (npm run build) when build/ is missing or older than app/:
// the demo and the browser tests serve the production build.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const BUILD = path.join("build", "server", "index.js");

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestMtime(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).mtimeMs,
    ),
  );
}

export function buildIsStale(): boolean {
  return !existsSync(BUILD) || newestMtime("app") > statSync(BUILD).mtimeMs;
}

// Test files running at once may each want the build: one builds, the others wait for it.
const LOCK = path.join(".cache", "build.lock");

function lockHolderIsAlive(): boolean {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, "pid"), "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

async function withBuildLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Held: wait for it, or take it over from a builder that died.
      if (!lockHolderIsAlive() && existsSync(path.join(LOCK, "pid"))) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  writeFileSync(path.join(LOCK, "pid"), String(process.pid));
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function buildIfStale(log: (message: string) => void = () => {}): Promise<void> {
  if (!buildIsStale()) return;
  await withBuildLock(async () => {
    if (buildIsStale()) await build(log);
  });
}

async function build(log: (message: string) => void): Promise<void> {
  log("the production build is missing or older than app/: building it (npm run build)");
  // NODE_ENV=production whatever the caller runs under (vitest sets "test"): otherwise the client bundle
  // carries React's development build, unlike what merchants get.
  const child = spawn("npm", ["run", "build", "--silent"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`npm run build exited ${code}`);
}
