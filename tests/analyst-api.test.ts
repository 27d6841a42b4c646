// /api/v1/orders as an analyst's client meets it: bearer keys scoped to one
// shop, the contract's shapes, cursor pages that read every order exactly as
// the simulator holds it, problem+json refusals, and the access log.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "~/.server/insights/api/openapi";
import { loader as openApiJson } from "~/routes/api.v1.openapi[.]json";
import { loader as apiDocs } from "~/routes/api.v1.docs";
import { loader as salesMetricsRoute } from "~/routes/api.v1.metrics.sales";
import { loader as customerMetricsRoute } from "~/routes/api.v1.metrics.customers";
import { loader as productMetricsRoute } from "~/routes/api.v1.metrics.products";
import { loader as inventoryMetricsRoute } from "~/routes/api.v1.metrics.inventory";
import {
  customerMetrics,
  inventoryMetrics,
  productMetrics,
  salesMetrics,
  type SalesMetrics,
} from "~/.server/insights/api/metrics";
import { getInsights } from "~/.server/insights/sales";
import { resolvePeriod } from "~/.server/insights/period";
import { getShopContext } from "~/.server/insights/shop-context";
import { runReconciliation } from "~/.server/sync/reconcile";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { issueApiKey, revokeApiKey } from "~/.server/api-keys";
import { apiOrder, orderPage } from "~/.server/insights/api/orders";
import { runBackfill } from "~/.server/sync/backfill";
import {
  API_RESOURCES,
  apiCustomer,
  apiInventoryLevel,
  apiLocation,
  apiProduct,
  type ApiResourceName,
} from "~/.server/insights/api/resources";
import { loader as getOrder } from "~/routes/api.v1.orders.$id";
import { loader as listOrders } from "~/routes/api.v1.orders";
import { loader as listProducts } from "~/routes/api.v1.products";
import { loader as getProduct } from "~/routes/api.v1.products.$id";
import { loader as listCustomers } from "~/routes/api.v1.customers";
import { loader as getCustomer } from "~/routes/api.v1.customers.$id";
import { loader as listLevels } from "~/routes/api.v1.inventory_levels";
import { loader as getLevel } from "~/routes/api.v1.inventory_levels.$id";
import { loader as listLocations } from "~/routes/api.v1.locations";
import { loader as getLocation } from "~/routes/api.v1.locations.$id";
import type { Pool } from "~/.server/database/pool";
import type { RunningSimulator } from "../simulator";
import { orderTotals } from "../simulator/shop/order-totals";
import type { SimulatedShop } from "../simulator/shop/shop";
import type { TestDatabase } from "./support/database";
import { closeSimulatedShop, openSimulatedShop } from "./support/simulated-shop";
import { simulatorGraphql } from "./support/simulator";

const SHOP = "api-orders.myshopify.com";
const OTHER = "api-other.myshopify.com";

type SalesFigures = SalesMetrics["totals"];

describe("the analyst API (/api/v1)", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let shopId: string;
  let token: string;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    ({ db, pool, sim, shop, shopId, token } = await openSimulatedShop({
      domain: SHOP,
      currency: "EUR",
      counts: { locations: 2, products: 8, customers: 20, orders: 45 },
    }));
    const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
    await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), shopId, { pollMs: 20 });
    const other = await db.prisma.shop.create({ data: { domain: OTHER, installedAt: new Date() } });
    await pool.query(`INSERT INTO orders (shop_id, shopify_id, name) VALUES ($1, 1, '#OTHER')`, [other.id.toString()]);
    key = (await issueApiKey(db.prisma, BigInt(shopId), "test")).key;
    otherKey = (await issueApiKey(db.prisma, other.id, "other")).key;
    // The routes reach the database through the web's dependencies: these are the test's.
    globalThis.__storehouseWeb = {
      db: db.prisma,
      pool,
      queue: () => Promise.reject(new Error("unused")),
      apiRateLimitPerMinute: 1_000,
      ingestion: null as never,
    };
  });
  afterAll(async () => {
    globalThis.__storehouseWeb = undefined;
    await closeSimulatedShop({ db, pool, sim });
  });

  type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

  // The contract test: every response this suite receives is checked against the OpenAPI document.
  const document = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "openapi.json", components: document.components });
  const validated: string[] = [];
  const checkAgainstSpec = (path: string, status: number, type: string | null, body: unknown) => {
    const template = Object.keys(document.paths!).find((candidate) =>
      new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path),
    );
    expect(template, `${path} is in the OpenAPI document`).toBeDefined();
    const responses = document.paths![template!]!.get!.responses! as Record<
      string,
      { content: Record<string, { schema: object }> }
    >;
    const documented = responses[String(status)];
    expect(documented, `${path} documents status ${status}`).toBeDefined();
    const media = type!.split(";")[0]!;
    const schema = JSON.parse(
      JSON.stringify(documented!.content[media]!.schema).replaceAll('"#/components/', '"openapi.json#/components/'),
    );
    const validate = ajv.compile(schema);
    expect(validate(body), `${status} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    validated.push(`${status} ${template}`);
  };
  const call = async (loader: Loader, path: string, bearer: string | null, params: Record<string, string> = {}) => {
    const request = new Request(`https://storehouse.example${path}`, {
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    });
    const response = await loader({ request, params, context: {} });
    const answer = { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
    checkAgainstSpec(new URL(request.url).pathname, answer.status, answer.type, answer.body);
    return answer;
  };

  it("refuses a missing, malformed or revoked key with 401 problem+json", async () => {
    const revoked = await issueApiKey(db.prisma, BigInt(shopId), "soon revoked");
    await revokeApiKey(db.prisma, revoked.id);
    for (const bearer of [null, "nonsense", revoked.key]) {
      const answer = await call(listOrders, "/api/v1/orders", bearer);
      expect(answer).toMatchObject({
        status: 401,
        type: "application/problem+json",
        body: { type: "https://storehouse.dev/problems/unauthorized", status: 401 },
      });
    }
  });

  it("pages through exactly the shop's orders, in the contract's shapes and the simulator's figures", async () => {
    const seen: Record<string, unknown>[] = [];
    let cursor = "";
    for (let pages = 0; pages < 20; pages += 1) {
      const answer = await call(listOrders, `/api/v1/orders?limit=7${cursor ? `&cursor=${cursor}` : ""}`, key);
      expect(answer.status).toBe(200);
      const page = orderPage.parse(answer.body);
      seen.push(...page.data);
      cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    const expected = [...shop.orders.entries()].map(([, order]) => order);
    expect(seen.map((order) => order.id).sort()).toEqual(expected.map((order) => order.id).sort());
    for (const order of expected) {
      const served = apiOrder.parse(seen.find((candidate) => candidate.id === order.id));
      expect(served.name).toBe(order.name);
      expect(served.total_price).toBe((orderTotals(order).totalCents / 100).toFixed(2));
      expect(served.line_items.map((line) => line.id).sort()).toEqual(order.lineItems.map((line) => line.id).sort());
      expect(served.refunds).toHaveLength(order.refunds.length);
    }
    // Nothing new since: the last cursor answers an empty page.
    const after = orderPage.parse((await call(listOrders, `/api/v1/orders?cursor=${cursor}`, key)).body);
    expect(after).toEqual({ data: [], next_cursor: cursor, has_more: false });
  });

  it("serves an order by its Shopify id to its shop only; another shop's ids are 404", async () => {
    const order = shop.orders.at(3)!;
    const own = await call(getOrder, `/api/v1/orders/${order.id}`, key, { id: order.id });
    expect(own.status).toBe(200);
    expect(apiOrder.parse(own.body).id).toBe(order.id);
    const stranger = await call(getOrder, `/api/v1/orders/${order.id}`, otherKey, { id: order.id });
    expect(stranger).toMatchObject({ status: 404, body: { type: "https://storehouse.dev/problems/not-found" } });
    const others = await call(listOrders, "/api/v1/orders", otherKey);
    expect((others.body as { data: { name: string }[] }).data.map((row) => row.name)).toEqual(["#OTHER"]);
  });

  it("refuses parameters it does not take with 400 problem+json", async () => {
    for (const query of ["limit=0", "limit=251", "cursor=bogus", "updated_since=yesterday", "sort=name"]) {
      const answer = await call(listOrders, `/api/v1/orders?${query}`, key);
      expect(answer, query).toMatchObject({
        status: 400,
        type: "application/problem+json",
        body: { type: "https://storehouse.dev/problems/invalid-request" },
      });
    }
  });

  /** Every row of a list, following next_cursor. */
  const readAll = async (loader: Loader, resource: string, filter = "") => {
    const rows: Record<string, unknown>[] = [];
    let cursor = "";
    for (let pages = 0; pages < 100; pages += 1) {
      const answer = await call(
        loader,
        `/api/v1/${resource}?limit=9${filter}${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const page = answer.body as { data: Record<string, unknown>[]; next_cursor: string; has_more: boolean };
      rows.push(...page.data);
      cursor = page.next_cursor;
      if (!page.has_more) return rows;
    }
    throw new Error("did not end");
  };

  it("lists products with their variants, customers, inventory levels and locations as the simulator holds them", async () => {
    const products = [...shop.products.entries()].map(([, product]) => product);
    const servedProducts = (await readAll(listProducts, "products")).map((row) => apiProduct.parse(row));
    expect(servedProducts.map((product) => product.id).sort()).toEqual(products.map((product) => product.id).sort());
    for (const product of products) {
      const served = servedProducts.find((candidate) => candidate.id === product.id)!;
      expect(served.title).toBe(product.title);
      expect(served.variants.map((variant) => [variant.id, variant.price]).sort()).toEqual(
        product.variants.map((variant) => [variant.id, (variant.priceCents / 100).toFixed(2)]).sort(),
      );
    }
    const active = products.filter((product) => product.status === "ACTIVE").length;
    expect(await readAll(listProducts, "products", "&status=active")).toHaveLength(active);

    const customers = (await readAll(listCustomers, "customers")).map((row) => apiCustomer.parse(row));
    expect(customers.map((customer) => customer.id).sort()).toEqual(
      [...shop.customers.entries()].map(([, customer]) => customer.id).sort(),
    );

    const levels = (await readAll(listLevels, "inventory_levels")).map((row) => apiInventoryLevel.parse(row));
    const expectedLevels = products.flatMap((product) =>
      product.variants.flatMap((variant) =>
        shop.inventoryLevels(variant.inventoryItemId).map((level) => ({ variant, level })),
      ),
    );
    expect(levels).toHaveLength(expectedLevels.length);
    for (const { variant, level } of expectedLevels) {
      const served = levels.find((row) => row.id === `${variant.inventoryItemId}:${level.locationId}`)!;
      expect(served).toMatchObject({ available: level.available, variant: { id: variant.id } });
      expect(served.location?.name).toEqual(expect.any(String));
    }

    const locations = (await readAll(listLocations, "locations")).map((row) => apiLocation.parse(row));
    expect(locations.map((location) => location.id).sort()).toEqual(
      [...shop.locations.entries()].map(([, location]) => location.id).sort(),
    );
  });

  it("serves each resource by id to its own shop only", async () => {
    const product = shop.products.at(2)!;
    const variant = product.variants[0]!;
    const level = shop.inventoryLevels(variant.inventoryItemId)[0]!;
    const cases: [ApiResourceName, Loader, string][] = [
      ["products", getProduct, product.id],
      ["customers", getCustomer, shop.customers.at(1)!.id],
      ["inventory_levels", getLevel, `${variant.inventoryItemId}:${level.locationId}`],
      ["locations", getLocation, shop.locations.at(0)!.id],
    ];
    for (const [resource, loader, id] of cases) {
      const own = await call(loader, `/api/v1/${resource}/${id}`, key, { id });
      expect(own.status, resource).toBe(200);
      expect(API_RESOURCES[resource].schema.parse(own.body)).toMatchObject({ id });
      const stranger = await call(loader, `/api/v1/${resource}/${id}`, otherKey, { id });
      expect(stranger, resource).toMatchObject({ status: 404, type: "application/problem+json" });
    }
    expect((await call(getProduct, "/api/v1/products/abc", key, { id: "abc" })).status).toBe(404);
  });

  it("limits each key per minute across processes (the count is in the database), with 429 and RateLimit headers", async () => {
    const limited = (await issueApiKey(db.prisma, BigInt(shopId), "limited")).key;
    globalThis.__storehouseWeb!.apiRateLimitPerMinute = 3;
    try {
      const request = () =>
        listOrders({
          request: new Request("https://storehouse.example/api/v1/orders?limit=1", {
            headers: { authorization: `Bearer ${limited}` },
          }),
          params: {},
          context: {},
        });
      const answers = [];
      for (let n = 0; n < 4; n += 1) answers.push(await request());
      // Near a minute's end the window may turn over between calls: then the 4th starts a new one.
      if (answers[3]!.status === 200) answers.push(await request(), await request(), await request());
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(refused).toBeDefined();
      expect(answers[0]!.headers.get("RateLimit")).toMatch(/^limit=3, remaining=2, reset=\d+$/);
      expect(answers[0]!.headers.get("RateLimit-Policy")).toBe("3;w=60");
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      const body = await refused.json();
      checkAgainstSpec("/api/v1/orders", 429, refused.headers.get("content-type"), body);
      expect(body).toMatchObject({ type: "https://storehouse.dev/problems/rate-limited", status: 429 });
      // Another key of the same shop is not limited by this one's count.
      const fresh = (await issueApiKey(db.prisma, BigInt(shopId), "fresh")).key;
      expect((await call(listOrders, "/api/v1/orders?limit=1", fresh)).status).toBe(200);
    } finally {
      globalThis.__storehouseWeb!.apiRateLimitPerMinute = 1_000;
    }
  });

  // Shopify's definitions, computed here from the simulator's records, in a time zone far from UTC.
  const timeZone = "Pacific/Auckland";
  type Day = { orders: number; gross: number; discounts: number; returns: number; taxes: number; shipping: number };
  const zero = (): Day => ({ orders: 0, gross: 0, discounts: 0, returns: 0, taxes: 0, shipping: 0 });
  const expectedDays = () => {
    const dayOf = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(at));
    const expected = new Map<string, Day>();
    const on = (day: string) => expected.get(day) ?? expected.set(day, zero()).get(day)!;
    for (const [, order] of shop.orders.entries()) {
      const placed = on(dayOf(order.processedAt));
      placed.orders += 1;
      placed.gross += order.lineItems.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
      placed.discounts -= orderTotals(order).discountCents;
      placed.taxes += orderTotals(order).taxCents;
      placed.shipping += order.shippingCents;
      for (const refund of order.refunds) {
        const returned = on(dayOf(refund.createdAt)); // Returns count on the refund's day.
        returned.returns -= refund.lineItems.reduce((sum, line) => sum + line.subtotalCents, 0);
        returned.taxes -= refund.lineItems.reduce((sum, line) => sum + line.taxCents, 0);
      }
    }
    return expected;
  };
  const sumOf = (days: Iterable<Day>) =>
    [...days].reduce(
      (sum, day) => ({
        orders: sum.orders + day.orders,
        gross: sum.gross + day.gross,
        discounts: sum.discounts + day.discounts,
        returns: sum.returns + day.returns,
        taxes: sum.taxes + day.taxes,
        shipping: sum.shipping + day.shipping,
      }),
      zero(),
    );
  const cents = (text: string) => Math.round(Number(text) * 100);
  const checkFigures = (served: SalesFigures, want: Day) => {
    const net = want.gross + want.discounts + want.returns;
    expect({
      orders: served.orders,
      gross: cents(served.gross_sales),
      discounts: cents(served.discounts),
      returns: cents(served.returns),
      net: cents(served.net_sales),
      taxes: cents(served.taxes),
      shipping: cents(served.shipping_charges),
      total: cents(served.total_sales),
    }).toEqual({ ...want, net, total: net + want.taxes + want.shipping });
  };
  const metricsOf = async (from: string, to: string, interval = "day") => {
    const answer = await call(
      salesMetricsRoute,
      `/api/v1/metrics/sales?from=${from}&to=${to}&interval=${interval}`,
      key,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return salesMetrics.parse(answer.body);
  };
  /** Every day and the totals of the whole history against the independent computation. */
  const checkAllDays = async () => {
    const expected = expectedDays();
    const days = [...expected.keys()].sort();
    const metrics = await metricsOf(days[0]!, days.at(-1)!);
    checkFigures(metrics.totals, sumOf(expected.values()));
    for (const entry of metrics.series) checkFigures(entry, expected.get(entry.date) ?? zero());
    return { days, metrics, expected };
  };

  it("answers sales metrics equal to Shopify's definitions computed here from the simulator's records", async () => {
    await db.prisma.shop.update({ where: { id: BigInt(shopId) }, data: { timezone: timeZone } });
    const { days, metrics, expected } = await checkAllDays();
    expect(metrics).toMatchObject({ timezone: timeZone, currency: "EUR", interval: "day" });
    expect(sumOf(expected.values()).returns).toBeLessThan(0); // The shop has refunds, or returns prove nothing.
    expect(metrics.series.map((entry) => entry.date)).toEqual(
      Array.from({ length: metrics.series.length }, (_, index) =>
        new Date(Date.parse(`${days[0]}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10),
      ),
    );
    // By month: the same totals, one entry per month.
    const monthly = await metricsOf(days[0]!, days.at(-1)!, "month");
    checkFigures(monthly.totals, sumOf(expected.values()));
    expect(monthly.series.every((entry) => entry.date.endsWith("-01"))).toBe(true);
    expect((await call(salesMetricsRoute, "/api/v1/metrics/sales?from=2026-02-01&to=2026-01-01", key)).status).toBe(
      400,
    );
  });

  it("answers customer, product and inventory metrics from the simulator's records, and the home page agrees", async () => {
    const dayOf = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(at));
    const orders = [...shop.orders.entries()].map(([, order]) => order);
    const days = orders
      .flatMap((order) => [order.processedAt, ...order.refunds.map((refund) => refund.createdAt)])
      .map(dayOf)
      .sort();
    const [from, to] = [days[0]!, days.at(-1)!];

    // Customers: one first order per customer; every other order of a known customer is a returning one.
    const customers = new Set(orders.flatMap((order) => (order.customerId ? [order.customerId] : [])));
    const withCustomer = orders.filter((order) => order.customerId).length;
    const answer = await call(customerMetricsRoute, `/api/v1/metrics/customers?from=${from}&to=${to}`, key);
    expect(answer.status).toBe(200);
    const served = customerMetrics.parse(answer.body);
    expect(served.totals).toEqual({
      orders: orders.length,
      new_customers: customers.size,
      returning_customer_orders: withCustomer - customers.size,
      orders_without_customer: orders.length - withCustomer,
    });
    expect(customers.size).toBeGreaterThan(0);
    expect(withCustomer - customers.size).toBeGreaterThan(0); // Some customers came back, or this proves little.

    // Products: net sales per product, returns on the refund's day (the period spans every order and refund).
    const netByProduct = new Map<string, number>();
    for (const order of orders) {
      const add = (productId: string | null, amount: number) => {
        if (productId) netByProduct.set(productId, (netByProduct.get(productId) ?? 0) + amount);
      };
      for (const item of order.lineItems) add(item.productId, item.priceCents * item.quantity - item.discountCents);
      for (const line of order.refunds.flatMap((refund) => refund.lineItems)) {
        add(order.lineItems.find((item) => item.id === line.lineItemId)!.productId, -line.subtotalCents);
      }
    }
    const ranked = [...netByProduct.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const top = await call(productMetricsRoute, `/api/v1/metrics/products?from=${from}&to=${to}&limit=3`, key);
    expect(top.status).toBe(200);
    expect(productMetrics.parse(top.body).data.map((item) => [item.product_id, cents(item.net_sales)])).toEqual(
      ranked.slice(0, 3).map(([id, amount]) => [id, amount]),
    );
    const byVariant = await call(productMetricsRoute, `/api/v1/metrics/products?from=${from}&to=${to}&by=variant`, key);
    expect(productMetrics.parse(byVariant.body).data.every((item) => item.variant_id !== null)).toBe(true);
    expect(
      (await call(productMetricsRoute, `/api/v1/metrics/products?from=${from}&to=${to}&limit=0`, key)).status,
    ).toBe(400);

    // Inventory: what the simulator holds per location, summed.
    const levels = [...shop.products.entries()].flatMap(([, product]) =>
      product.variants.flatMap((variant) => shop.inventoryLevels(variant.inventoryItemId)),
    );
    const stock = await call(inventoryMetricsRoute, "/api/v1/metrics/inventory?low_stock_threshold=10", key);
    expect(stock.status).toBe(200);
    const inventory = inventoryMetrics.parse(stock.body);
    expect(inventory.totals.available).toBe(levels.reduce((sum, level) => sum + level.available, 0));
    expect(inventory.locations.map((location) => location.location_id).sort()).toEqual(
      [...new Set(levels.map((level) => level.locationId))].sort(),
    );
    expect(inventory).toMatchObject({ currency: "EUR", low_stock_threshold: 10 });

    // The dashboard's home page reads the same module: its figures for a custom period are the API's.
    const context = (await getShopContext(db.prisma, SHOP))!;
    const home = await getInsights(pool, context, resolvePeriod("custom", timeZone, { from, to }));
    const sales = await metricsOf(from, to);
    expect({ total: home.current.total_sales, net: home.current.net_sales, orders: home.current.orders }).toEqual({
      total: sales.totals.total_sales,
      net: sales.totals.net_sales,
      orders: sales.totals.orders,
    });
    expect(home.current.new_customers).toBe(served.totals.new_customers);

    // Another shop's key sees none of it.
    const foreign = await call(customerMetricsRoute, `/api/v1/metrics/customers?from=${from}&to=${to}`, otherKey);
    expect(customerMetrics.parse(foreign.body).totals.new_customers).toBe(0);
  });

  it("keeps the daily rollups current: new orders and refunds, and a late write with an old date, all counted once", async () => {
    // New sales and a refund reach the store (through reconciliation, as missed webhooks would).
    const { order } = sim.changes.createOrder(shop);
    sim.changes.refundOrder(shop, order.id, {});
    const graphql = simulatorGraphql(SHOP, () => ({ url: sim.url, accessToken: token }));
    await runReconciliation(pool, createAdminRequest(graphql, new CostLimiter()), shopId, { lookbackMs: 3_600_000 });
    expect(
      await pool.query(`SELECT 1 FROM orders WHERE shop_id = $1 AND shopify_id = $2`, [shopId, order.id]),
    ).toMatchObject({ rowCount: 1 });
    await checkAllDays();

    // A backfill-style write of an order placed long ago, committed after a metrics call has passed its time.
    const late = await pool.connect();
    await late.query("BEGIN");
    await late.query(
      `INSERT INTO orders (shop_id, shopify_id, name, processed_at, total_discounts, total_tax, total_shipping)
       VALUES ($1, 77777777, '#LATE', '2020-03-15T12:00:00Z', 0, 1.50, 4.00)`,
      [shopId],
    );
    const before = await metricsOf("2020-03-15", "2020-03-16");
    expect(before.totals.orders).toBe(0);
    await late.query("COMMIT");
    late.release();
    const after = await metricsOf("2020-03-15", "2020-03-16");
    expect(after.totals).toMatchObject({ orders: 1, taxes: "1.50", shipping_charges: "4.00" });
    expect(after.series.find((entry) => entry.date === "2020-03-16")?.orders).toBe(1); // Auckland is ahead of UTC.
    await pool.query(`DELETE FROM orders WHERE shop_id = $1 AND shopify_id = 77777777`, [shopId]);
  });

  it("publishes its OpenAPI 3.1 document without a key, and every answer so far matched it", async () => {
    const response = await openApiJson();
    expect(response.status).toBe(200);
    const published = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(published.openapi).toBe("3.1.0");
    expect(Object.keys(published.paths).sort()).toEqual(
      [
        ...["sales", "customers", "products", "inventory"].map((name) => `/api/v1/metrics/${name}`),
        ...["orders", "products", "customers", "inventory_levels", "locations"].flatMap((name) => [
          `/api/v1/${name}`,
          `/api/v1/${name}/{id}`,
        ]),
      ].sort(),
    );
    const page = await (await apiDocs()).text();
    expect(page).toContain("<h1>Storehouse analyst API</h1>");
    for (const path of Object.keys(published.paths)) expect(page).toContain(`GET ${path}`);
    expect(page).toContain('id="schema-Order"');
    // The suite's earlier answers: lists, details, 400, 401 and 404 of every resource.
    expect(new Set(validated).size).toBeGreaterThanOrEqual(12);
    expect(validated).toEqual(
      expect.arrayContaining(["401 /api/v1/orders", "400 /api/v1/orders", "404 /api/v1/products/{id}"]),
    );
  });

  it("logs each request with its key, route, status and rows, never the key itself", async () => {
    const { rows } = await pool.query(
      `SELECT route, status, rows, api_key_id::text, to_jsonb(r)::text AS whole FROM api_requests r WHERE shop_id = $1 ORDER BY id`,
      [shopId],
    );
    expect(rows.some((row) => row.route === "GET /api/v1/orders" && row.status === 200 && row.rows === 7)).toBe(true);
    expect(rows.some((row) => row.status === 400)).toBe(true);
    expect(rows.every((row) => !row.whole.includes(key.slice(13)))).toBe(true);
  });
});
