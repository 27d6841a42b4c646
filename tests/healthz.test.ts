import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabaseIfMissing,
  startEmbeddedPostgres,
  type DatabaseServer,
} from "~/.server/database/embedded-postgres";
import { createPrismaClient } from "~/db.server";
import { loader } from "~/routes/healthz";
import { freePort } from "./support/ports";

// A PostgreSQL server of its own, so the test can really stop it.
describe("/healthz", () => {
  let dataDir: string;
  let server: DatabaseServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "storehouse-healthz-"));
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    await createDatabaseIfMissing(server.serverUrl, "healthz");
    globalThis.__storehousePrisma = createPrismaClient(`${server.serverUrl}/healthz`);
  });

  afterAll(async () => {
    await globalThis.__storehousePrisma?.$disconnect();
    globalThis.__storehousePrisma = undefined;
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers 200 with JSON while the database answers", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
  });

  it("answers 503 once the database is stopped", async () => {
    await server.stop();

    const response = await loader();

    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "unavailable", database: "down" });
    expect(body.error).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toContain("storehouse-local");
  });
});
