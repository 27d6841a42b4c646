// Applies prisma/migrations with Prisma's CLI (JavaScript schema engine, no
// downloaded binaries; see prisma.config.ts).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The Prisma CLI entry point, resolved from node_modules. */
export function prismaCli(): string {
  return path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
}

export function runPrisma(args: string[], databaseUrl: string | undefined, cwd = process.cwd()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli(), ...args], {
      cwd,
      env: {
        // The CLI child inherits this process's environment (PATH, proxies); it is not config.
        // eslint-disable-next-line no-restricted-properties
        ...process.env,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        // Prisma 6.19 tries to download a query engine it will not load
        // (engineType = "client"); pointing at any file skips the download.
        PRISMA_QUERY_ENGINE_LIBRARY: path.join(cwd, "package.json"),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

export function migrateDeploy(databaseUrl: string): Promise<string> {
  return runPrisma(["migrate", "deploy"], databaseUrl);
}
