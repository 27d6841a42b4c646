// The app as the Shopify admin loads it, in Debian's Chromium: a shop
// installed through token exchange and backfilled by the worker (from the
// simulator), then the embedded home page with a session token in the URL.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { Prisma } from "@prisma/client";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_SCOPES } from "~/.server/shopify/constants";
import type { RunningSimulator } from "../../simulator";
import { buildIfStale } from "../../scripts/build-if-stale";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/ports";
import { API_KEY, API_SECRET, eventually, startTestSimulator } from "../support/simulator";
import { startWebhookReceiver } from "../support/alert-receivers";
import { startS3Server, type S3TestServer } from "../support/s3-server";
import { appBridgeStandIn } from "./app-bridge-stand-in";

const SHOP = "browser-home.myshopify.com";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36";
const RESULTS = path.resolve("test-results");

/**
 * Remix fetches the route manifest of the links a page renders (lazy route
 * discovery) and logs this when the page unloads before the fetch ends: a
 * navigation, not a fault of the page (the admin frame reloads the app on
 * every nav click; the tests reload pages while they poll).
 */
const isUnloadAbort = (text: string) => text.startsWith("Failed to fetch manifest patches TypeError: Failed to fetch");

describe("the embedded app in a real browser", () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let appUrl: string;
  let browser: Browser;
  let s3: S3TestServer;
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
    s3 = await startS3Server();
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
      // Alerts: the test's receiver is on loopback, and a failing delivery is dead after two quick tries.
      ALERTS_ALLOW_PRIVATE_TARGETS: "true",
      ALERT_MAX_ATTEMPTS: "2",
      ALERT_RETRY_BASE_SECONDS: "0",
      // S3 snapshots into the test's s3rver; none on schedule (the page's button takes one).
      ...s3.env,
      SNAPSHOT_SCHEDULE_HOUR: "off",
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
    await s3?.close();
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
      if (message.type() === "error" && !isUnloadAbort(message.text())) {
        problems.push(`${new URL(page.url()).pathname}: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.route("https://cdn.shopify.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: appBridgeStandIn({ sessionToken: token }) }),
    );
    const query = `embedded=1&shop=${SHOP}&host=${Buffer.from(`admin.shopify.com/store/${store}`).toString("base64url")}&id_token=${token}`;
    const open = (to = path) => page.goto(`${appUrl}${to}${to.includes("?") ? "&" : "?"}${query}`);
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

      const orders = await db.prisma.order.count({ where: { shopId: shopRow.id, deletedAt: null } });
      expect(orders).toBe(200);
      const ordersRow = page.getByRole("row").filter({ hasText: /^Orders/ });
      // A home page whose first figures took long to compute (a loaded machine) serves them
      // "as of" until the worker's refresh: reload until the refreshed figures are served.
      await expect
        .poll(
          async () => {
            await open();
            return (await ordersRow.first().innerText()).replace(/\s+/g, " ");
          },
          { timeout: 30_000 },
        )
        .toContain("200");

      // The headline figures, against SQL written here independently of the app's queries.
      const metric = async (title: string) => (await page.locator(`[data-metric="${title}"]`).innerText()).trim();
      const expected = async (days: number) => {
        // Total sales as Shopify reports it: what orders placed in the period charged (price, less
        // discounts, plus taxes and shipping), less what refunds issued in the period gave back.
        const [row] = await db.prisma.$queryRawUnsafe<{ orders: bigint; revenue: string }[]>(
          `WITH period AS (
             SELECT (now() AT TIME ZONE 'Europe/Berlin')::date - $2::int AS after
           )
           SELECT
             (SELECT count(*) FROM orders, period WHERE shop_id = $1 AND test IS NOT TRUE AND deleted_at IS NULL
                AND (processed_at AT TIME ZONE 'Europe/Berlin')::date > period.after) AS orders,
             ((SELECT coalesce(sum(total_price), 0) FROM orders, period
                WHERE shop_id = $1 AND test IS NOT TRUE AND deleted_at IS NULL
                  AND (processed_at AT TIME ZONE 'Europe/Berlin')::date > period.after)
              - (SELECT coalesce(sum(r.total_refunded), 0) FROM refunds r JOIN orders o ON o.id = r.order_id, period
                WHERE r.shop_id = $1 AND o.test IS NOT TRUE AND o.deleted_at IS NULL AND r.deleted_at IS NULL
                  AND (r.processed_at AT TIME ZONE 'Europe/Berlin')::date > period.after)
             )::numeric(20,2)::text AS revenue`,
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
      expect(await metric("Total sales")).toBe(last30.revenue);
      await expect.poll(() => page.locator('[data-chart="revenue"] svg').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(RESULTS, "home.png"), fullPage: true });

      // Choosing another period reloads the figures for it.
      await page.getByLabel("Period").selectOption("90d");
      await page.waitForURL(/period=90d/);
      const last90 = await expected(90);
      await expect.poll(() => metric("Orders")).toBe(last90.orders);
      expect(await metric("Total sales")).toBe(last90.revenue);
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

      // Protected customer fields Shopify withholds: the page names them and says what to do.
      await db.prisma.shop.update({
        where: { id: shopRow.id },
        data: {
          withheldCustomerFields: {
            fields: ["email", "address"],
            message: "This app is not approved to use the email field.",
            at: new Date().toISOString(),
          },
        },
      });
      await open("/app/sync");
      await expect
        .poll(() => page.getByText("Shopify withholds customers' email and address from Storehouse").count())
        .toBe(1);
      await expect.poll(() => page.getByText(/request access to these protected customer fields/).count()).toBe(1);
      await db.prisma.shop.update({ where: { id: shopRow.id }, data: { withheldCustomerFields: Prisma.DbNull } });

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

  it(
    "data browsers: search and filters narrow the tables, pages, details with line items and stock, CSV export",
    { timeout: 120_000 },
    async () => {
      const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      const { page, problems, open, context } = await adminPage("/app/orders");
      const orderLinks = () => page.locator("a[data-primary-link]").allInnerTexts();
      const newest = await db.prisma.order.findMany({
        where: { shopId: shopRow.id, deletedAt: null },
        orderBy: [{ processedAt: "desc" }, { id: "desc" }],
        take: 50,
      });

      await open("/app/orders");
      await expect.poll(orderLinks).toEqual(newest.map((order) => order.name));
      await page.screenshot({ path: path.join(RESULTS, "orders.png"), fullPage: true });

      // Typing in the search narrows the table to that customer's orders (SQL written here).
      const withEmail = newest.find((order) => order.email)!;
      await page.getByRole("button", { name: "Search and filter results" }).click();
      await page.getByPlaceholder("Search by order or email").fill(withEmail.email!);
      await page.waitForURL(/q=/);
      const byEmail = await db.prisma.order.findMany({
        where: { shopId: shopRow.id, deletedAt: null, email: { contains: withEmail.email!, mode: "insensitive" } },
        orderBy: [{ processedAt: "desc" }, { id: "desc" }],
      });
      expect(byEmail.length).toBeLessThan(newest.length);
      await expect.poll(orderLinks).toEqual(byEmail.map((order) => order.name));

      // A filter in the URL (as the filter bar writes it) narrows too, and shows as an applied filter.
      await open("/app/orders?financial=paid");
      const paid = await db.prisma.order.count({
        where: { shopId: shopRow.id, deletedAt: null, financialStatus: "paid" },
      });
      await expect.poll(async () => (await orderLinks()).length).toBe(Math.min(50, paid));
      await expect.poll(() => page.getByText("Payment status: Paid").count()).toBeGreaterThan(0);

      // Next page: the following 50 orders.
      await open("/app/orders");
      await page.getByRole("button", { name: "Next" }).click();
      await page.waitForURL(/after=/);
      const second = await db.prisma.order.findMany({
        where: { shopId: shopRow.id, deletedAt: null },
        orderBy: [{ processedAt: "desc" }, { id: "desc" }],
        skip: 50,
        take: 50,
      });
      await expect.poll(orderLinks).toEqual(second.map((order) => order.name));

      // An order's page lists its line items.
      const withLines = await db.prisma.order.findFirstOrThrow({
        where: { shopId: shopRow.id, deletedAt: null, refunds: { some: {} } },
        include: { lineItems: true },
      });
      await open(`/app/orders/${withLines.shopifyId}`);
      const lineTable = page.getByTestId("line-items");
      await expect.poll(() => lineTable.locator("tbody tr").count()).toBe(withLines.lineItems.length);
      for (const line of withLines.lineItems) {
        await expect.poll(() => lineTable.innerText()).toContain(line.title!);
      }
      const total = new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(
        Number(withLines.totalPrice),
      );
      expect(await page.locator('[data-total="Total"]').innerText()).toBe(total);
      await page.screenshot({ path: path.join(RESULTS, "order-detail.png"), fullPage: true });

      // A customer's lifetime value: their orders' totals less refunds.
      const [buyer] = await db.prisma.$queryRaw<{ id: string; value: string }[]>`
        SELECT c.shopify_id::text AS id, sum(o.total_price - o.total_refunded)::numeric(20,2)::text AS value
        FROM customers c JOIN orders o ON o.customer_id = c.id AND o.deleted_at IS NULL AND o.test IS NOT TRUE
        WHERE c.shop_id = ${shopRow.id} GROUP BY c.shopify_id ORDER BY count(*) DESC, c.shopify_id LIMIT 1`;
      await open(`/app/customers/${buyer!.id}`);
      await expect
        .poll(() => page.locator('[data-fact="lifetime-value"]').innerText())
        .toBe(new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(Number(buyer!.value)));
      await page.screenshot({ path: path.join(RESULTS, "customer-detail.png"), fullPage: true });

      // Products: a product's stock by location names its locations.
      await open("/app/products");
      await expect.poll(async () => (await orderLinks()).length).toBe(20);
      await page.screenshot({ path: path.join(RESULTS, "products.png"), fullPage: true });
      const product = await db.prisma.product.findFirstOrThrow({
        where: { shopId: shopRow.id },
        orderBy: { id: "asc" },
      });
      const locations = await db.prisma.location.findMany({ where: { shopId: shopRow.id } });
      await open(`/app/products/${product.shopifyId}`);
      for (const location of locations) {
        await expect.poll(() => page.getByTestId("stock").innerText()).toContain(location.name!);
      }
      await page.screenshot({ path: path.join(RESULTS, "product-detail.png"), fullPage: true });

      // CSV export of the filtered view: every paid order, beyond the first page.
      await open("/app/customers");
      await expect.poll(async () => (await orderLinks()).length).toBe(50);
      await page.screenshot({ path: path.join(RESULTS, "customers.png"), fullPage: true });
      await open("/app/orders?financial=paid");
      await expect.poll(async () => (await orderLinks()).length).toBe(Math.min(50, paid));
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("orders.csv");
      const csv = await readFile((await download.path())!, "utf8");
      expect(csv.trimEnd().split("\n")).toHaveLength(paid + 1);
      expect(csv.split("\n")[0]).toContain("Payment status");

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it("shop A's session cannot read, export or replay shop B's data by changing ids", { timeout: 60_000 }, async () => {
    const other = await db.prisma.shop.upsert({
      where: { domain: "someone-else.myshopify.com" },
      create: { domain: "someone-else.myshopify.com" },
      update: {},
    });
    const customer = await db.prisma.customer.create({
      data: { shopId: other.id, shopifyId: 424242n, email: "secret@someone-else.example", lastName: "Secret" },
    });
    const order = await db.prisma.order.create({
      data: {
        shopId: other.id,
        shopifyId: 434343n,
        name: "#SECRET-1",
        email: "secret@someone-else.example",
        customerId: customer.id,
        customerShopifyId: customer.shopifyId,
        totalPrice: "999",
        financialStatus: "paid",
      },
    });
    const product = await db.prisma.product.create({
      data: { shopId: other.id, shopifyId: 454545n, title: "Secret product" },
    });
    const event = await db.prisma.webhookEvent.create({
      data: {
        shopId: other.id,
        shopDomain: other.domain,
        topic: "orders/create",
        webhookId: "security-foreign-1",
        payload: { name: "#SECRET-1" },
        status: "dead",
        lastError: "not yours",
      },
    });
    const { token, context, query } = await adminPage();
    const asA = (url: string) => context.request.get(`${appUrl}${url}${url.includes("?") ? "&" : "?"}${query}`);

    // Detail pages by the other shop's ids: not found, and nothing of theirs in the answer.
    for (const url of [
      `/app/orders/${order.shopifyId}`,
      `/app/customers/${customer.shopifyId}`,
      `/app/products/${product.shopifyId}`,
      `/app/events/${event.id}`,
    ]) {
      const response = await asA(url);
      expect(response.status(), url).toBe(404);
      expect(await response.text(), url).not.toMatch(/SECRET|Secret|secret@/);
    }
    // Lists and exports filtered or searched by their ids and names: empty of theirs.
    for (const url of [
      `/app/orders?customer=${customer.shopifyId}`,
      `/app/orders?q=SECRET`,
      `/app/customers?q=secret`,
      `/app/products?q=Secret`,
      `/app/events?status=dead`,
    ]) {
      const response = await asA(url);
      expect(response.status(), url).toBe(200);
      // Their rows' data, not the search text this shop typed (which the page echoes in its search field).
      expect(await response.text(), url).not.toMatch(/#SECRET-1|Secret product|secret@someone-else/);
    }
    for (const url of [`/app/orders/export?customer=${customer.shopifyId}`, "/app/customers/export?q=secret"]) {
      const csv = await context.request.get(`${appUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
      expect(csv.status(), url).toBe(200);
      expect((await csv.text()).trimEnd().split("\n"), url).toHaveLength(1); // The header only.
    }
    // Replay by their event's id, on its page and in a bulk post: refused or ignored, the event untouched.
    const single = await context.request.post(`${appUrl}/app/events/${event.id}?${query}`, {
      headers: { authorization: `Bearer ${token}` },
      form: {},
    });
    expect(single.status()).toBe(404);
    const bulk = await context.request.post(`${appUrl}/app/events?index&${query}`, {
      headers: { authorization: `Bearer ${token}` },
      form: { ids: String(event.id) },
    });
    expect(bulk.status()).toBe(200);
    const untouched = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect({ status: untouched.status, attempts: untouched.attempts }).toEqual({ status: "dead", attempts: 0 });
    // The sync API answers about the session's shop only, whatever the request says.
    const sync = await context.request.get(`${appUrl}/app/api/sync?shop=${other.domain}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(sync.status()).toBe(200);
    expect(JSON.stringify(await sync.json())).not.toContain(other.domain);
    await context.close();
  });

  it("API access: a key created on the page reads the shop's orders through /api/v1, shows in the access log, and stops at revocation", async () => {
    const { page, problems, open: openPage } = await adminPage("/app/api-access");
    await openPage();
    await page.getByLabel("Name of the new key").fill("browser BI");
    await page.getByRole("button", { name: "Create key" }).click();
    // (The App Bridge script tags carry data-api-key: the new key has an attribute of its own.)
    const key = await (await page.waitForSelector("[data-new-api-key]")).innerText();
    expect(key).toMatch(/^shk_[0-9a-f]{8}_/);

    // The key works against the production server, for this shop's orders only.
    const orders = await fetch(`${appUrl}/api/v1/orders?limit=5`, { headers: { authorization: `Bearer ${key}` } });
    expect(orders.status).toBe(200);
    const body = (await orders.json()) as { data: { id: string }[]; has_more: boolean };
    expect(body.data).toHaveLength(5);
    const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const stored = await db.prisma.order.count({
      where: { shopId: shopRow.id, shopifyId: { in: body.data.map((order) => BigInt(order.id)) } },
    });
    expect(stored).toBe(5);
    expect((await fetch(`${appUrl}/api/v1/openapi.json`)).status).toBe(200);

    await openPage();
    const logRow = page.getByRole("row").filter({ hasText: "GET /api/v1/orders" });
    await expect.poll(() => logRow.count()).toBeGreaterThan(0);
    expect((await logRow.first().innerText()).replace(/\s+/g, " ")).toContain("browser BI");
    expect(await page.content()).not.toContain(key.slice(13));
    await page.screenshot({ path: path.join(RESULTS, "api-access.png"), fullPage: true });

    await page.getByRole("button", { name: "Revoke browser BI" }).click();
    await expect
      .poll(() => page.getByRole("row").filter({ hasText: "browser BI" }).filter({ hasText: "Revoked" }).count())
      .toBe(1);
    const refused = await fetch(`${appUrl}/api/v1/orders`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await page.title()).toBe("API access · Storehouse");
    expect(problems).toEqual([]);
  });

  it(
    "alerts: a webhook destination shows its secret once, a rule is previewed and added, a failing delivery ends dead and is replayed from the page",
    { timeout: 90_000 },
    async () => {
      const receiver = await startWebhookReceiver();
      try {
        const { page, problems, open: openPage } = await adminPage("/app/alerts");
        await openPage();
        await page.getByLabel("Destination", { exact: true }).fill(`webhook:${receiver.url}`);
        await page.getByRole("button", { name: "Add destination" }).click();
        const secret = await (await page.waitForSelector("[data-signing-secret]")).innerText();
        expect(secret).toMatch(/^whsec_/);
        receiver.secrets = [secret];
        // A destination that is not one is refused with the reason (private addresses: tests/alerts.test.ts;
        // this app runs with ALERTS_ALLOW_PRIVATE_TARGETS to reach the test's receiver).
        await page.getByLabel("Destination", { exact: true }).fill("mailto:nobody");
        await page.getByRole("button", { name: "Add destination" }).click();
        await expect.poll(() => page.getByText("nobody is not an email address").count()).toBeGreaterThan(0);

        // The preview of a big-order rule equals what the shop's stored orders say.
        const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
        const [{ count }] = (await db.prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) FROM orders WHERE shop_id = ${shopRow.id} AND deleted_at IS NULL AND test IS NOT TRUE
          AND created_at >= now() - interval '30 days' AND total_price >= 100`) as [{ count: bigint }];
        await page.getByLabel("When", { exact: true }).selectOption("big-order");
        await page.getByLabel("Amount at or above").fill("100");
        await page.getByRole("button", { name: "Preview" }).click();
        await expect
          .poll(
            async () =>
              (await page.locator("[data-rule-preview]").count()) && page.locator("[data-rule-preview]").innerText(),
          )
          .toContain(`Would have fired ${count} time`);
        await page.getByRole("button", { name: "Add rule" }).click();
        await expect.poll(() => page.getByRole("row").filter({ hasText: "big order (100)" }).count()).toBe(1);

        // A failing receiver: the test alert is tried twice by the worker, then dead.
        receiver.failWith = 500;
        await page.getByRole("button", { name: "Send a test" }).click();
        const testRow = page.getByRole("row").filter({ hasText: "Test alert from Storehouse" });
        await expect
          .poll(
            async () => {
              await openPage();
              return (await testRow.count()) ? testRow.first().innerText() : "";
            },
            { timeout: 30_000 },
          )
          .toContain("dead");
        expect((await testRow.first().innerText()).replace(/\s+/g, " ")).toContain("the receiver answered 500");

        // Fixed, and replayed from the delivery log: delivered and verified with the secret the page showed.
        receiver.failWith = null;
        await testRow.getByRole("button", { name: "Replay" }).click();
        await expect
          .poll(
            async () => {
              await openPage();
              return testRow.first().innerText();
            },
            { timeout: 30_000 },
          )
          .toContain("delivered");
        expect(receiver.verified).toHaveLength(1);
        expect(receiver.verified[0]!.body.data.kind).toBe("test");
        expect(await page.content()).not.toContain(secret);
        await page.screenshot({ path: path.join(RESULTS, "alerts.png"), fullPage: true });
        expect(await page.title()).toBe("Alerts · Storehouse");
        expect(problems).toEqual([]);
      } finally {
        await receiver.close();
      }
    },
  );

  it("data requests: open ones listed with their due date, the assembled data downloads as JSON, another shop's stays out of reach", async () => {
    const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const requestedAt = new Date(Date.now() - 5 * 86_400_000);
    const open = await db.prisma.customerDataRequest.create({
      data: {
        shopId: shopRow.id,
        customerShopifyId: 919191n,
        email: "ada.requester@example.com",
        ordersRequested: [929292n],
        requestPayload: { customer: { id: 919191 } },
        assembledData: { customers: [{ email: "ada.requester@example.com", first_name: "Ada" }], orders: [] },
        requestedAt,
      },
    });
    await db.prisma.customerDataRequest.create({
      data: { shopId: shopRow.id, customerShopifyId: 939393n, requestPayload: {}, assembledData: undefined },
    });
    const other = await db.prisma.shop.create({ data: { domain: "data-requests-other.myshopify.com" } });
    const foreign = await db.prisma.customerDataRequest.create({
      data: {
        shopId: other.id,
        email: "secret.requester@someone-else.example",
        requestPayload: {},
        assembledData: { customers: [{ email: "secret.requester@someone-else.example" }] },
      },
    });

    const { page, problems, open: openPage, context, token } = await adminPage("/app/data-requests");
    await openPage();
    const row = page.getByRole("row").filter({ hasText: "ada.requester@example.com" });
    await expect.poll(() => row.count()).toBe(1);
    const due = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: shopRow.timezone ?? "UTC" }).format(
      new Date(requestedAt.getTime() + 30 * 86_400_000),
    );
    const text = (await row.innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Open");
    expect(text).toContain(due);
    const redactedRow = page.getByRole("row").filter({ hasText: "Customer 939393" });
    expect((await redactedRow.innerText()).replace(/\s+/g, " ")).toContain("Customer redacted");
    expect(await page.content()).not.toContain("secret.requester");
    await page.screenshot({ path: path.join(RESULTS, "data-requests.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: "Download JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`data-request-${open.id}.json`);
    const document = JSON.parse(await readFile((await download.path())!, "utf8")) as {
      request: { customer_id: string; orders_requested: string[] };
      data: { customers: { email: string }[] };
    };
    expect(document.request).toMatchObject({ customer_id: "919191", orders_requested: ["929292"] });
    expect(document.data.customers[0]!.email).toBe("ada.requester@example.com");

    const foreignDownload = await context.request.get(`${appUrl}/app/data-requests/${foreign.id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(foreignDownload.status()).toBe(404);
    expect(await foreignDownload.text()).not.toContain("secret.requester");
    expect(await page.title()).toBe("Data requests · Storehouse");
    expect(problems).toEqual([]);
    await context.close();
  });

  it(
    "snapshots: 'Snapshot now' queues one the worker takes; the list shows its row counts and its files download by time-limited links",
    { timeout: 90_000 },
    async () => {
      const { page, problems, open, context } = await adminPage("/app/snapshots");
      await open();
      await expect.poll(() => page.getByText("No snapshots yet").count()).toBe(1);
      await page.getByRole("button", { name: "Snapshot now" }).click();
      await expect.poll(() => page.getByText("Snapshot queued").count()).toBe(1);
      await expect
        .poll(
          async () => {
            await open();
            return page.locator('[data-snapshot-status="completed"]').count();
          },
          { timeout: 60_000 },
        )
        .toBe(1);

      // The row's counts are the database's.
      const shopRow = await db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      const orders = await db.prisma.order.count({ where: { shopId: shopRow.id } });
      const customers = await db.prisma.customer.count({ where: { shopId: shopRow.id } });
      const record = await db.prisma.s3Snapshot.findFirstOrThrow({
        where: { shopId: shopRow.id, status: "completed" },
      });
      expect(record.trigger).toBe("admin");
      const row = page.getByRole("row").filter({ has: page.locator(`[data-snapshot-files="${record.id}"]`) });
      const cells = (await row.innerText()).split(/\t|\n/).map((cell) => cell.trim());
      expect(cells).toEqual(expect.arrayContaining([orders.toLocaleString("en"), customers.toLocaleString("en")]));

      // Its files: every one listed with a presigned link that serves exactly the bytes the manifest names.
      await page.locator(`[data-snapshot-files="${record.id}"] a`).click();
      const ordersFile = page.locator('[data-snapshot-file="orders/part-00000.parquet"] a');
      await expect.poll(() => ordersFile.count(), { timeout: 15_000 }).toBe(1);
      const manifestUrl = (await page.locator('[data-snapshot-file="manifest.json"] a').getAttribute("href"))!;
      expect(new URL(manifestUrl).searchParams.get("X-Amz-Expires")).toBe("900");
      const manifest = (await (await fetch(manifestUrl)).json()) as {
        tables: Record<string, { rows: number; files: { key: string; sha256: string }[] }>;
      };
      expect(manifest.tables.orders!.rows).toBe(orders);
      const download = await fetch((await ordersFile.getAttribute("href"))!);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(manifest.tables.orders!.files[0]!.sha256);
      expect(bytes.subarray(0, 4).toString()).toBe("PAR1");
      await page.screenshot({ path: path.join(RESULTS, "snapshots.png"), fullPage: true });
      expect(await page.title()).toBe("Snapshots · Storehouse");
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it("an unknown id gets a Polaris 'not found' page with a title and no React errors", async () => {
    const { page, problems, open, context } = await adminPage("/app/orders/424242424242");
    const response = await open();
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.getByText("Order not found").count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "Back to the home page" }).count()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS, "not-found.png"), fullPage: true });
    // The browser reports the 404 document itself; nothing else may go wrong on the page.
    expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
    await open("/app/orders");
    await expect.poll(() => page.title()).toBe("Orders · Storehouse");
    await context.close();
  });

  it(
    "a newcomer opens the app in the simulator's admin frame: shop name, app navigation, the app with fresh session tokens",
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ userAgent: BROWSER_UA, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !isUnloadAbort(message.text())) problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      // cdn.shopify.com is unreachable here: nothing of it is needed, the simulator serves the App Bridge stand-in.
      await page.route("https://cdn.shopify.com/**", (route) => route.fulfill({ status: 200, body: "" }));
      const store = SHOP.replace(".myshopify.com", "");
      // Served on "localhost" like the app: an admin frame of another site would make the app a
      // third-party frame, whose storage Chromium blocks (the real admin and app are set up for that).
      const admin = new URL(`/admin/store/${store}/apps/storehouse`, sim.url);
      admin.hostname = "localhost";
      admin.searchParams.set("app", appUrl);
      await page.goto(admin.href);
      await expect.poll(() => page.locator("header").innerText()).toContain(SHOP);
      const app = page.frameLocator("iframe#app");
      // The home page, authenticated by the session token the frame put in the URL.
      await expect.poll(() => app.locator(".Polaris-Page").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await page.frames()[1]!.title()).toBe("Home · Storehouse");
      // The app's navigation, drawn by the frame from the app's ui-nav-menu; a click opens the page with a new token.
      const ordersLink = page.locator("nav a", { hasText: "Orders" });
      await expect.poll(() => ordersLink.count(), { timeout: 30_000 }).toBe(1);
      await ordersLink.click();
      const ordersFrame = () => page.frames().find((frame) => new URL(frame.url()).pathname === "/app/orders");
      await expect.poll(() => ordersFrame() !== undefined, { timeout: 30_000 }).toBe(true);
      await expect.poll(() => ordersFrame()!.title(), { timeout: 30_000 }).toBe("Orders · Storehouse");
      // The list itself, loaded with the frame's fresh session token: a header row and the shop's orders.
      await expect.poll(() => ordersFrame()!.getByRole("row").count(), { timeout: 30_000 }).toBeGreaterThan(10);
      await page.screenshot({ path: path.join(RESULTS, "admin-frame.png") });
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
