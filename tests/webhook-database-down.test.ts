import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDatabaseIfMissing,
  startEmbeddedPostgres,
  type DatabaseServer,
} from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { receiveWebhook } from "~/.server/ingestion";
import { freePort } from "./support/ports";
import { createTestIngestion, drainQueue, signedRequest, type TestIngestion } from "./support/webhooks";

// A PostgreSQL server of its own, so the test can really stop it mid-traffic.
describe("POST /webhooks while the database is down", () => {
  let dataDir: string;
  let port: number;
  let server: DatabaseServer;
  let ingestion: TestIngestion;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "storehouse-ingest-down-"));
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(server.serverUrl, "ingest");
    url = `${server.serverUrl}/ingest`;
    await migrateDeploy(url);
    ingestion = await createTestIngestion(url);
  });

  afterAll(async () => {
    await ingestion.close().catch(() => {});
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers 503 so Shopify retries, and stores the redelivery once the database is back", async () => {
    const body = '{"id":8000000000000000001,"title":"Down","updated_at":"2026-05-01T00:00:00Z","variants":[]}';
    const delivery = () =>
      signedRequest({ topic: "products/create", shop: "down.myshopify.com", body, webhookId: "down-1" });
    await server.stop();

    const refused = await receiveWebhook(ingestion, delivery());
    expect(refused.status).toBe(503);

    server = await startEmbeddedPostgres({ dataDir, port });
    const accepted = await receiveWebhook(ingestion, delivery());
    expect(accepted.status).toBe(200);
    expect(await drainQueue(ingestion)).toBe(1);
    const { rows } = await ingestion.pool.query("SELECT status FROM webhook_events WHERE webhook_id = 'down-1'");
    expect(rows).toEqual([{ status: "processed" }]);
    const products = await ingestion.pool.query("SELECT title FROM products WHERE shopify_id = 8000000000000000001");
    expect(products.rows).toEqual([{ title: "Down" }]);
  });
});
