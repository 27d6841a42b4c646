// The app as the Shopify admin loads it, in Debian's Chromium: a shop
// installed through token exchange and backfilled by the worker (from the
// simulator), then the embedded home page with a session token in the URL.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import type { RunningSimulator } from "../../simulator";
import { buildIfStale } from "../../scripts/build-if-stale";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/ports";
import { API_KEY, API_SECRET, eventually, startTestSimulator } from "../support/simulator";
import { appBridgeStandIn } from "./app-bridge-stand-in";

const SHOP = "browser-home.myshopify.com";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36";
const RESULTS = path.resolve("test-results");

describe("the embedded app in a real browser", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let appUrl: string;
  let browser: Browser;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    await buildIfStale();
    db = await createTestDatabase();
    sim = await startTestSimulator();
    sim.sim.createShop({
      domain: SHOP,
      currency: "EUR",
      timezone: "Europe/Berlin",
      counts: { locations: 2, products: 20, customers: 60, orders: 200 },
    });
    const port = await freePort();
    appUrl = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      PORT: String(port),
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_SIMULATOR_URL: sim.url,
      SCOPES: ACCESS_SCOPES.join(","),
      LOG_LEVEL: process.env.BROWSER_TEST_LOG_LEVEL ?? "silent",
    };
    for (const script of ["server/index.ts", "worker/index.ts"]) {
      processes.push(spawn(process.execPath, ["--import", "tsx", script], { env, stdio: "inherit" }));
    }
    await eventually(async () => (await fetch(`${appUrl}/healthz`).catch(() => undefined))?.ok === true, 60_000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    mkdirSync(RESULTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of processes) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }
    await sim?.close();
    await db?.drop();
  });

  /** A page as the admin would open the app: App Bridge stand-in, session token in the URL, errors collected. */
  async function adminPage(path = "/app") {
    const store = SHOP.replace(".myshopify.com", "");
    const { token } = await getJwt(store, API_KEY, API_SECRET);
    const context = await browser.newContext({ userAgent: BROWSER_UA, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.route("https://cdn.shopify.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: appBridgeStandIn(token) }),
    );
    const query = `embedded=1&shop=${SHOP}&host=${Buffer.from(`admin.shopify.com/store/${store}`).toString("base64url")}&id_token=${token}`;
    const open = (to = path) => page.goto(`${appUrl}${to}?${query}`);
    return { token, context, page, problems, open, query };
  }

  it(
    "installs on first open, backfills, and shows the period's figures on the home page",
    { timeout: 120_000 },
    async () => {
      const { context, page, problems, open } = await adminPage();

      // The first open installs the app (token exchange); the worker then backfills.
      const first = await open();
      expect(first?.status()).toBe(200);
      // playwright gives every launch a fresh profile (the --user-data-dir ENVIRONMENT.md asks for).
      const shopRow = (await eventually(() => db.prisma.shop.findUnique({ where: { domain: SHOP } }), 20_000))!;
      await eventually(
        async () =>
          (await db.prisma.syncRun.count({ where: { shopId: shopRow.id, kind: "backfill", status: "succeeded" } })) ===
          5,
        90_000,
      );

      await open();
      const orders = await db.prisma.order.count({ where: { shopId: shopRow.id, deletedAt: null } });
      expect(orders).toBe(200);
      const ordersRow = page.getByRole("row").filter({ hasText: /^Orders/ });
      await expect.poll(async () => (await ordersRow.first().innerText()).replace(/\s+/g, " ")).toContain("200");

      // The headline figures, against SQL written here independently of the app's queries.
      const metric = async (title: string) => (await page.locator(`[data-metric="${title}"]`).innerText()).trim();
      const expected = async (days: number) => {
        const [row] = await db.prisma.$queryRawUnsafe<{ orders: bigint; revenue: string }[]>(
          `SELECT count(*) AS orders, coalesce(sum(total_price - total_refunded), 0)::numeric(20,2)::text AS revenue
           FROM orders
           WHERE shop_id = $1 AND test IS NOT TRUE AND deleted_at IS NULL
             AND (processed_at AT TIME ZONE 'Europe/Berlin')::date > (now() AT TIME ZONE 'Europe/Berlin')::date - $2::int`,
          shopRow.id,
          days,
        );
        return {
          orders: Number(row!.orders).toLocaleString("en"),
          revenue: new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(Number(row!.revenue)),
        };
      };
      const last30 = await expected(30);
      expect(await metric("Orders")).toBe(last30.orders);
      expect(await metric("Revenue")).toBe(last30.revenue);
      await expect.poll(() => page.locator('[data-chart="revenue"] svg').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS, "home.png"), fullPage: true });

      // Choosing another period reloads the figures for it.
      await page.getByLabel("Period").selectOption("90d");
      await page.waitForURL(/period=90d/);
      const last90 = await expected(90);
      await expect.poll(() => metric("Orders")).toBe(last90.orders);
      expect(await metric("Revenue")).toBe(last90.revenue);
      await page.screenshot({ path: path.join(RESULTS, "home-90-days.png"), fullPage: true });

      // Sync health: every resource synced, and "Reconcile now" queues a reconciliation the worker runs.
      await open("/app/sync");
      const ordersState = page.getByRole("row").filter({ hasText: /^Orders/ });
      await expect
        .poll(async () => (await ordersState.first().innerText()).replace(/\s+/g, " "))
        .toMatch(/^Orders (Success )?idle .* 200 0/);
      await page.screenshot({ path: path.join(RESULTS, "sync-health.png"), fullPage: true });
      await page.getByRole("button", { name: "Reconcile now" }).click();
      await expect
        .poll(() => page.evaluate(() => (window as { __toasts?: string[] }).__toasts ?? []))
        .toEqual(["Reconciliation queued"]);
      await eventually(
        async () =>
          (await db.prisma.syncRun.count({ where: { shopId: shopRow.id, kind: "reconcile", status: "succeeded" } })) >=
          5,
        60_000,
      );

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    "event log: filters, payload, replay of a dead event; another shop's events stay out of reach",
    { timeout: 120_000 },
    async () => {
      const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      // A live change: the simulator delivers orders/create to the app, the worker applies it.
      sim.changes.createOrder(sim.sim.shop(SHOP)!);
      const delivered = (await eventually(
        () =>
          db.prisma.webhookEvent.findFirst({
            where: { shopId: shopRow.id, topic: "orders/create", status: "processed" },
          }),
        30_000,
      ))!;
      // A dead event (as after its last attempt), and a dead event of another shop.
      const dead = await db.prisma.webhookEvent.create({
        data: {
          shopId: shopRow.id,
          shopDomain: SHOP,
          topic: "orders/updated",
          webhookId: "browser-dead-1",
          payload: delivered.payload as object,
          status: "dead",
          attempts: 8,
          lastError: "database unavailable",
        },
      });
      const other = await db.prisma.shop.create({ data: { domain: "someone-else.myshopify.com" } });
      const foreign = await db.prisma.webhookEvent.create({
        data: {
          shopId: other.id,
          shopDomain: other.domain,
          topic: "orders/create",
          webhookId: "browser-foreign-1",
          payload: { note: "another shop's order" },
          status: "dead",
          lastError: "not yours",
        },
      });

      const { token, context, page, problems, open, query } = await adminPage("/app/events");

      await open("/app/events");
      await expect.poll(() => page.getByRole("link", { name: `#${delivered.id}` }).count()).toBe(1);
      await page.getByLabel("Status").selectOption("dead");
      await page.waitForURL(/status=dead/);
      await expect.poll(() => page.getByRole("link", { name: /^#\d+$/ }).allInnerTexts()).toEqual([`#${dead.id}`]);
      await page.screenshot({ path: path.join(RESULTS, "event-log.png"), fullPage: true });

      await page.getByRole("link", { name: `#${dead.id}` }).click();
      await page.waitForURL(new RegExp(`/app/events/${dead.id}`));
      // The payload as stored: the order's 64-bit id exactly (a JS number would round it).
      const [stored] = await db.prisma.$queryRaw<
        { id: string }[]
      >`SELECT payload->>'id' AS id FROM webhook_events WHERE id = ${dead.id}`;
      await expect.poll(() => page.locator("[data-payload]").innerText()).toContain(`"id": ${stored!.id},`);
      await expect.poll(() => page.getByText("database unavailable").count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS, "event-detail.png"), fullPage: true });
      await page.getByRole("button", { name: "Replay" }).click();
      await expect
        .poll(() => page.evaluate(() => (window as { __toasts?: string[] }).__toasts ?? []))
        .toEqual(["Event queued for replay"]);
      await eventually(async () => {
        const replayed = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: dead.id } });
        return replayed.status === "processed" && replayed.attempts === 9;
      }, 30_000);

      // Shop A's session cannot read or replay shop B's event by changing ids.
      const read = await context.request.get(`${appUrl}/app/events/${foreign.id}?${query}`);
      expect(read.status()).toBe(404);
      expect(await read.text()).not.toContain("another shop's order");
      const replay = await context.request.post(`${appUrl}/app/events?index&${query}`, {
        headers: { authorization: `Bearer ${token}` },
        form: { ids: `${foreign.id},${dead.id}` },
      });
      expect(replay.status()).toBe(200);
      // The action ran: this shop's event was replayed again (one more attempt), the other shop's was not touched.
      const attemptsBefore = 9;
      await eventually(
        async () =>
          (await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: dead.id } })).attempts > attemptsBefore,
        30_000,
      );
      expect((await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("dead");

      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
