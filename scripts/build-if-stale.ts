// Builds the app (npm run build) when build/ is missing or older than app/:
// the demo and the browser tests serve the production build.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { takeFolderLock } from "~/.server/folder-lock";

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

export async function buildIfStale(log: (message: string) => void = () => {}): Promise<void> {
  if (!buildIsStale()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const release = await takeFolderLock(LOCK, async () => !buildIsStale());
  if (!release) return; // Another process built it meanwhile.
  try {
    await build(log);
  } finally {
    release();
  }
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
