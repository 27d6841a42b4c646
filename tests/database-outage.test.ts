// The production web server and worker, as `npm start` and `npm run worker`
// run them, against a PostgreSQL server of their own that the test takes
// away in the middle of a load of deliveries: every connection ended
// (pg_terminate_backend, as a failover does), then the server stopped and
// started again. Neither process may die, the web answers 503 only while the
// database is away, and every delivery answered 200 is stored once and
// processed once.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabaseIfMissing,
  startEmbeddedPostgres,
  type DatabaseServer,
} from "~/.server/database/embedded-postgres";
import { migrateDeployOnce } from "~/.server/database/migrations";
import { buildIfStale } from "../scripts/build-if-stale";
import { freePort } from "./support/ports";
import { eventually } from "./support/simulator";
import { API_KEY, API_SECRET, signedRequest } from "./support/webhooks";

const SHOP = "outage.myshopify.com";
const DELIVERIES = 300;

function product(k: number): string {
  const id = 8100000000000000000n + BigInt(k);
  return (
    `{"id":${id},"admin_graphql_api_id":"gid://shopify/Product/${id}","title":"Outage ${k}",` +
    `"updated_at":"2026-06-01T00:00:00Z","variants":[]}`
  );
}

describe("web and worker while the database goes away", () => {
  let dataDir: string;
  let port: number;
  let server: DatabaseServer;
  let url: string;
  let appUrl: string;
  const processes: { name: string; child: ChildProcess; output: string }[] = [];

  const alive = () => processes.map(({ name, child }) => [name, child.exitCode ?? child.signalCode ?? "running"]);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "storehouse-outage-"));
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(server.serverUrl, "outage");
    url = `${server.serverUrl}/outage`;
    await migrateDeployOnce(url);
    await buildIfStale();

    const appPort = await freePort();
    appUrl = `http://127.0.0.1:${appPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(appPort),
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: appUrl,
      SCOPES: "read_products",
      LOG_LEVEL: "warn",
      // A job whose worker lost its connection mid-way is retried after this long.
      WORKER_JOB_TIMEOUT_SECONDS: "10",
      HTTP_HEADERS_TIMEOUT_MS: "2000",
    };
    for (const [name, script] of [
      ["web", "server/index.ts"],
      ["worker", "worker/index.ts"],
    ] as const) {
      const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const entry = { name, child, output: "" };
      const keep = (chunk: Buffer) => (entry.output = (entry.output + chunk.toString()).slice(-20_000));
      child.stdout!.on("data", keep);
      child.stderr!.on("data", keep);
      processes.push(entry);
    }
    await eventually(async () => (await fetch(`${appUrl}/healthz`).catch(() => undefined))?.ok === true, 60_000);
  }, 300_000);

  afterAll(async () => {
    for (const { child } of processes) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
    }
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps both processes up, answers 503 only while it is away, and loses no delivery answered 200", async () => {
    const answers = new Map<string, number[]>();
    const send = async (k: number): Promise<number> => {
      const request = signedRequest({
        topic: "products/create",
        shop: SHOP,
        body: product(k),
        webhookId: `outage-${k}`,
      });
      const response = await fetch(`${appUrl}/webhooks`, {
        method: "POST",
        headers: request.headers,
        body: await request.text(),
      }).catch(() => undefined);
      const status = response?.status ?? 0;
      answers.set(`outage-${k}`, [...(answers.get(`outage-${k}`) ?? []), status]);
      return status;
    };
    // Like Shopify: a delivery not answered 200 is sent again later, with the same webhook id.
    const deliver = async (k: number) => {
      const deadline = Date.now() + 120_000;
      while ((await send(k)) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    };

    let next = 0;
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < DELIVERIES) await deliver(next++);
      }),
    );

    // A third of the way in: end every connection of the database, three times over.
    await eventually(() => next >= DELIVERIES / 3, 60_000);
    const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
    await admin.connect();
    for (let round = 0; round < 3; round += 1) {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'outage' AND pid <> pg_backend_pid()",
      );
      await new Promise((r) => setTimeout(r, 300));
    }
    await admin.end();

    // Two thirds of the way in: stop the server, check the answers while it is away, start it again.
    await eventually(() => next >= (2 * DELIVERIES) / 3, 60_000);
    await server.stop();
    const health = await fetch(`${appUrl}/healthz`);
    expect(health.status).toBe(503);
    const whileDown = await send(DELIVERIES + 1);
    expect(whileDown).toBe(503);
    await new Promise((r) => setTimeout(r, 2_000)); // Both processes meet the outage in their loops.
    server = await startEmbeddedPostgres({ dataDir, port });
    await load;
    await deliver(DELIVERIES + 1);

    expect(alive()).toEqual([
      ["web", "running"],
      ["worker", "running"],
    ]);
    const accepted = [...answers].filter(([, statuses]) => statuses.includes(200)).map(([id]) => id);
    expect(accepted).toHaveLength(DELIVERIES + 1);
    const refusals = [...answers.values()].flat().filter((status) => status !== 200);
    // Anything but 200 was a 503 (retry later) or a refused connection; never a 4xx or 500.
    expect(refusals.every((status) => status === 503 || status === 0)).toBe(true);

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      await eventually(async () => {
        const { rows } = await check.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM webhook_events WHERE webhook_id LIKE 'outage-%' AND status = 'processed'",
        );
        return rows[0]!.n === DELIVERIES + 1;
      }, 120_000).catch(async (error: unknown) => {
        const statuses = await check.query(
          "SELECT status, attempts, last_error, count(*)::int AS n FROM webhook_events GROUP BY 1, 2, 3",
        );
        const jobs = await check.query("SELECT state, count(*)::int AS n FROM pgboss.job GROUP BY 1");
        throw new Error(
          `${String(error)}\nevents: ${JSON.stringify(statuses.rows)}\njobs: ${JSON.stringify(jobs.rows)}\n` +
            processes.map(({ name, output }) => `--- ${name}\n${output.slice(-5_000)}`).join("\n"),
        );
      });
      const events = await check.query<{ webhook_id: string; n: number }>(
        "SELECT webhook_id, count(*)::int AS n FROM webhook_events WHERE webhook_id LIKE 'outage-%' GROUP BY 1",
      );
      expect(events.rows).toHaveLength(DELIVERIES + 1);
      expect(events.rows.every((row) => row.n === 1)).toBe(true);
      const products = await check.query<{ n: number; distinct_ids: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT shopify_id)::int AS distinct_ids FROM products WHERE title LIKE 'Outage %'",
      );
      expect(products.rows[0]).toEqual({ n: DELIVERIES + 1, distinct_ids: DELIVERIES + 1 });
    } finally {
      await check.end();
    }
    expect((await fetch(`${appUrl}/healthz`)).status).toBe(200);
    expect(alive()).toEqual([
      ["web", "running"],
      ["worker", "running"],
    ]);
  }, 300_000);

  it("closes a connection whose client stalls before finishing its headers", async () => {
    const socket = connect(Number(new URL(appUrl).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const started = Date.now();
    socket.write("POST /webhooks HTTP/1.1\r\nHost: localhost\r\nX-Shopify-Topic: orders/create\r\n");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    // Never finishes the headers: the server must give up (HTTP_HEADERS_TIMEOUT_MS = 2 s here).
    await new Promise((resolve) => socket.once("close", resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_500);
    expect(waited).toBeLessThan(10_000);
  }, 30_000);

  it("logs a refused delivery in one short line, never the multi-kilobyte header values it carried", async () => {
    const long = "x".repeat(3_000);
    const request = signedRequest({
      topic: "orders/create",
      shop: `${long}.myshopify.com`,
      body: "{}",
      webhookId: long,
    });
    const response = await fetch(`${appUrl}/webhooks`, {
      method: "POST",
      headers: request.headers,
      body: await request.text(),
    });
    expect(response.status).toBe(400);
    const web = processes.find((entry) => entry.name === "web")!;
    const line = await eventually(
      () => web.output.split("\n").find((candidate) => candidate.includes('"invalid_header"')),
      10_000,
    );
    expect(line).toContain("(3000 characters)");
    expect(line.length).toBeLessThan(1_000);
    expect(web.output).not.toContain("x".repeat(200));
  }, 30_000);
});
