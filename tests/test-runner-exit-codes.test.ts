// CI can only fail if the test runner's exit code tells the truth. It once
// did not: a package imported by the global set-up ended every run with code
// 0. These run Vitest itself, with the project's configuration, on fixtures
// kept outside the normal include globs.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env, VITEST: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

function vitestOn(fixture: string): Promise<Run> {
  return run(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/fixtures/exit-codes/vitest.config.ts"],
    { EXIT_CODE_FIXTURE: fixture },
  );
}

describe("the test runner's exit code", () => {
  it("is non-zero when an assertion fails, non-zero when a hook throws, and zero when all pass", async () => {
    const [assertion, hook, passing] = await Promise.all([
      vitestOn("failing-assertion.fixture.ts"),
      vitestOn("failing-hook.fixture.ts"),
      vitestOn("passing.fixture.ts"),
    ]);

    expect(assertion.output).toMatch(/1 failed/);
    expect(assertion.code).toBe(1);
    expect(hook.output).toMatch(/a hook that throws on purpose/);
    expect(hook.code).toBe(1);
    expect(passing.output).toMatch(/1 passed/);
    expect(passing.code).toBe(0);
  }, 180_000);

  it("with-database.ts hands back the exit code of the command it runs", async () => {
    const failed = await run(process.execPath, [
      "--import",
      "tsx",
      "scripts/with-database.ts",
      "--",
      process.execPath,
      "-e",
      "process.exit(3)",
    ]);
    expect(failed.code, failed.output).toBe(3);
  }, 180_000);
});
