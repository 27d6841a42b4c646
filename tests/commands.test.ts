// The commands a user types first answer --help at once, before any database
// is started, and a wrong argument is a usage error (exit 2), not a stack trace.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function npmRun(script: string, ...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", VITEST: undefined },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("commands", () => {
  it("npm run replay (storehouse events replay) -- --help prints its usage without a database; a bad argument is exit 2", () => {
    const help = npmRun("replay", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: storehouse events replay");
    expect(help.stderr).not.toContain("embedded PostgreSQL");
    const wrong = npmRun("replay", "--shop", "a.myshopify.com", "--no-such-flag");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown option '--no-such-flag'");
    expect(wrong.stderr).not.toMatch(/\n\s+at /); // No stack trace.
  }, 90_000);

  it("npm run demo -- --help and npm run worker -- --help print their usage", () => {
    const demo = npmRun("demo", "--help");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain("--orders N");
    const worker = npmRun("worker", "--help");
    expect(worker.code).toBe(0);
    expect(worker.stdout).toContain("npm run worker:");
    expect(worker.stderr).not.toContain("embedded PostgreSQL");
  }, 90_000);

  it("the other scripts answer --help before starting anything", () => {
    for (const [script, text] of [
      ["bench:ingest", "npm run bench:ingest"],
      ["bench:backfill", "npm run bench:backfill"],
      ["bench:dashboard", "npm run bench:dashboard"],
      ["bench:cli", "npm run bench:cli"],
      ["migration:new", "Creates a migration"],
      ["schema:refresh", "Refreshes vendor/shopify"],
    ]) {
      const help = npmRun(script!, "--help");
      expect([script, help.code]).toEqual([script, 0]);
      expect(help.stdout).toContain(text);
    }
  }, 120_000);
});
