// From the simulator's real inventory webhooks to a delivered email, SMS and
// signed webhook: the webhooks reach the app's ingestion over HTTP, the worker
// process applies them, its alerts subscriber evaluates the low-stock rules
// and its delivery task sends through a real SMTP server, a server speaking
// Twilio's Messages API and a Standard Webhooks receiver. Further updates that
// keep the stock low send nothing more.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { createDestination, createRule, parseDestination } from "~/.server/alerts";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import { runBackfill } from "~/.server/sync/backfill";
import type { RunningSimulator } from "../simulator";
import type { SimulatedShop } from "../simulator/shop/shop";
import {
  startSmtpReceiver,
  startTwilioReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type TwilioReceiver,
  type WebhookReceiver,
} from "./support/alert-receivers";
import { startWebhookEndpoint } from "./support/forward-webhooks";
import { eventually, simulatorGraphql, startTestSimulator } from "./support/simulator";
import { API_KEY, API_SECRET, createTestIngestion, type TestIngestion } from "./support/webhooks";
import { createTestDatabase, type TestDatabase } from "./support/database";

const SHOP = "alerts-e2e.myshopify.com";

describe("alerts end to end", () => {
  let db: TestDatabase;
  let ingestion: TestIngestion;
  let endpoint: Awaited<ReturnType<typeof startWebhookEndpoint>>;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let smtp: SmtpReceiver;
  let twilio: TwilioReceiver;
  let hooks: WebhookReceiver;
  let worker: ChildProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    [smtp, twilio, hooks] = await Promise.all([startSmtpReceiver(), startTwilioReceiver(), startWebhookReceiver()]);
    ingestion = await createTestIngestion(db.url);
    endpoint = await startWebhookEndpoint(ingestion);
    sim = await startTestSimulator({ app: { apiKey: API_KEY, apiSecret: API_SECRET } });
    sim.sim.subscriptions.setAppConfig([{ topics: ["inventory_levels/update"], uri: endpoint.url }]);
    shop = sim.sim.createShop({
      domain: SHOP,
      currency: "EUR",
      counts: { locations: 2, products: 4, customers: 1, orders: 1 },
    });
    const token = sim.sim.install(SHOP, false).accessToken;
    const created = await db.prisma.shop.create({ data: { domain: SHOP, currency: "EUR", installedAt: new Date() } });
    const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
    await runBackfill(ingestion.pool, createAdminRequest(graphql, new CostLimiter()), created.id.toString(), {
      pollMs: 20,
    });
    worker = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: db.url,
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_APP_URL: "https://storehouse.example",
        SHOPIFY_SIMULATOR_URL: sim.url,
        SCOPES: ACCESS_SCOPES.join(","),
        LOG_LEVEL: process.env.WORKER_TEST_LOG_LEVEL ?? "silent",
        SMTP_URL: smtp.url,
        ALERTS_FROM: "Storehouse <alerts@storehouse.test>",
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM: "+15550000000",
        TWILIO_API_URL: twilio.url,
        ALERTS_ALLOW_PRIVATE_TARGETS: "true",
      },
      stdio: process.env.WORKER_TEST_LOG_LEVEL ? "inherit" : "ignore",
    });
  });
  afterAll(async () => {
    if (worker.exitCode === null) worker.kill("SIGKILL");
    await sim.close();
    await endpoint.close();
    await ingestion.close();
    await Promise.all([smtp.close(), twilio.close(), hooks.close()]);
    await db.drop();
  });

  it(
    "a webhook that drops stock below the threshold sends one email, one SMS and one signed webhook, and no more while it stays low",
    { timeout: 120_000 },
    async () => {
      const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      const destinations = [];
      for (const dest of ["mailto:stock@shop.test", "sms:+15557654321", `webhook:${hooks.url}`]) {
        const destination = await createDestination(db.prisma, shopRow.id, await parseDestination(dest, true));
        await createRule(db.prisma, shopRow.id, {
          kind: "low-stock",
          threshold: 5,
          destinationId: BigInt(destination.id),
        });
        destinations.push(destination);
      }
      hooks.secrets = [destinations[2]!.secret!];

      const [, product] = [...shop.products.entries()][0]!;
      const variant = product.variants[0]!;
      const [first, second] = [shop.locations.at(0)!.id, shop.locations.at(1)!.id];
      const processed = () => db.prisma.webhookEvent.count({ where: { status: "processed" } });
      const set = async (locationId: string, available: number) => {
        const before = await processed();
        sim.changes.setInventory(shop, { inventoryItemId: variant.inventoryItemId, locationId, available });
        await eventually(async () => (await processed()) > before, 30_000);
      };
      await set(first!, 20);
      await set(second!, 20);
      const crossing = Date.now();
      await set(first!, 2);
      await set(second!, 1); // 3 left over both locations: below 5.

      await eventually(
        () => smtp.mail.length >= 1 && twilio.messages.length >= 1 && hooks.verified.length >= 1,
        60_000,
      );
      const title = `Low stock: ${product.title}${variant.title === "Default Title" ? "" : ` – ${variant.title}`} has 3 left`;
      expect(smtp.mail[0]!.subject).toBe(`[Storehouse] ${title}`);
      expect(twilio.messages[0]).toMatchObject({ to: "+15557654321", from: "+15550000000" });
      expect(twilio.messages[0]!.body.startsWith(title)).toBe(true);
      expect(hooks.verified[0]!.body).toMatchObject({ type: "alert.low-stock", data: { title } });
      expect(hooks.rejected).toBe(0);
      console.log(`alert latency, webhook sent to email received: ${smtp.mail[0]!.receivedAt - crossing} ms`);

      // Lower, zero, back up inside the margin: still low, nothing more is sent.
      await set(first!, 0);
      await set(second!, 0);
      await set(first!, 5);
      // The worker evaluated every one of them: its position is past the last event's processing.
      const last = await db.prisma.webhookEvent.findFirstOrThrow({ orderBy: { processedAt: "desc" } });
      await eventually(async () => {
        const [state] = await db.prisma.$queryRaw<{ checked_at: Date }[]>`
        SELECT checked_at FROM alert_evaluation_state WHERE shop_id = ${shopRow.id}`;
        return state !== undefined && state.checked_at > last.processedAt!;
      }, 30_000);
      expect(await db.prisma.alertDelivery.count()).toBe(3);
      expect(await db.prisma.alertDelivery.count({ where: { status: "delivered" } })).toBe(3);
      expect([smtp.mail.length, twilio.messages.length, hooks.verified.length]).toEqual([1, 1, 1]);
    },
  );
});
