// The data browsers' read models (orders, customers, products), checked
// against the simulator's own records after a real backfill: cursor pages
// cover every row once in both directions, filters select exactly what the
// records say, details carry their parts, CSV holds the filtered view, and a
// second shop's rows are never reachable through the first shop's id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { csvResponse } from "~/.server/insights/browse/csv";
import { CUSTOMER_RECENT_ORDERS } from "~/vocabulary";
import { customerFilters, getCustomer, listCustomers, type CustomerFilters } from "~/.server/insights/browse/customers";
import {
  exportOrders,
  getOrder,
  listOrders,
  ORDER_CSV_COLUMNS,
  orderFilters,
  type OrderListRow,
} from "~/.server/insights/browse/orders";
import { getProduct, listProducts, productFilters } from "~/.server/insights/browse/products";
import { todayIn } from "~/.server/insights/period";
import { createPool, type Pool } from "~/.server/database/pool";
import { runBackfill } from "~/.server/sync/backfill";
import type { RunningSimulator } from "../simulator";
import { orderTotals } from "../simulator/shop/order-totals";
import type { OrderRecord } from "../simulator/shop/records";
import type { SimulatedShop } from "../simulator/shop/shop";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestSimulator, simulatorGraphql } from "./support/simulator";

const SHOP = "browse.myshopify.com";
const OTHER = "browse-other.myshopify.com";
const TIME_ZONE = "America/Los_Angeles";

describe("data browsers", () => {
  let db: TestDatabase;
  let pool: Pool;
  let sim: RunningSimulator;
  let shop: SimulatedShop;
  let other: SimulatedShop;
  let shopId: bigint;
  let otherId: bigint;
  let orders: OrderRecord[];

  async function backfill(simulated: SimulatedShop): Promise<bigint> {
    const token = sim.sim.install(simulated.domain, false).accessToken;
    const row = await db.prisma.shop.create({
      data: { domain: simulated.domain, currency: simulated.currency, timezone: TIME_ZONE, installedAt: new Date() },
    });
    const graphql = simulatorGraphql(simulated.domain, () => ({ url: sim.url, accessToken: token }));
    const outcomes = await runBackfill(pool, createAdminRequest(graphql, new CostLimiter()), row.id.toString(), {
      pollMs: 20,
    });
    expect(outcomes.every((outcome) => outcome.status === "succeeded")).toBe(true);
    return row.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, 5);
    sim = await startTestSimulator();
    shop = sim.sim.createShop({
      domain: SHOP,
      currency: "USD",
      timezone: TIME_ZONE,
      counts: { locations: 3, products: 40, customers: 80, orders: 260 },
    });
    other = sim.sim.createShop({
      domain: OTHER,
      currency: "USD",
      timezone: TIME_ZONE,
      counts: { locations: 1, products: 5, customers: 10, orders: 30 },
    });
    shopId = await backfill(shop);
    otherId = await backfill(other);
    orders = [...shop.orders.entries()].map(([, order]) => order);
  }, 120_000);
  afterAll(async () => {
    await pool.end();
    await sim.close();
    await db.drop();
  });

  /** Every row of a browser's view, following `next` cursors from the first page. */
  async function allPages<Row>(
    read: (page: {
      after?: string;
      before?: string;
    }) => Promise<{ rows: Row[]; next: string | null; previous: string | null }>,
  ) {
    const pages: Row[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await read(after ? { after } : {});
      pages.push(page.rows);
      if (!page.next) return pages;
      after = page.next;
    }
  }
  const orderPages = (params: Record<string, string> = {}) =>
    allPages((page) => listOrders(db.prisma, shopId, orderFilters.parse({ ...params, ...page }), TIME_ZONE));
  const ids = (pages: { id: string }[][]) => pages.flat().map((row) => row.id);

  it("pages through every order exactly once, newest first, and back again", async () => {
    const pages = await orderPages();
    expect(pages.length).toBe(Math.ceil(orders.length / 50));
    expect(pages.slice(0, -1).every((page) => page.length === 50)).toBe(true);
    const seen = ids(pages);
    expect(new Set(seen).size).toBe(orders.length);
    expect([...seen].sort()).toEqual(orders.map((order) => order.id).sort());
    const times = pages.flat().map((row) => new Date(row.processedAt!).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // From the last page, `previous` walks back through the same pages.
    const last = await listOrders(
      db.prisma,
      shopId,
      orderFilters.parse({ after: (await listOrders(db.prisma, shopId, orderFilters.parse({}), TIME_ZONE)).next! }),
      TIME_ZONE,
    );
    expect(last.rows.map((row) => row.id)).toEqual(pages[1]!.map((row) => row.id));
    const back = await listOrders(db.prisma, shopId, orderFilters.parse({ before: last.previous! }), TIME_ZONE);
    expect(back.rows.map((row) => row.id)).toEqual(pages[0]!.map((row) => row.id));
    expect(back.previous).toBeNull();

    // Sorted by total, lowest first: the same orders, totals never decreasing.
    const byTotal = (await orderPages({ sort: "total asc" })).flat();
    expect(byTotal).toHaveLength(orders.length);
    const totals = byTotal.map((row) => Number(row.total));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it("filters orders to exactly what the simulator's records say", async () => {
    const expectIds = async (params: Record<string, string>, wanted: OrderRecord[]) => {
      expect(wanted.length).toBeGreaterThan(0); // A filter that matches nothing would prove nothing.
      expect(ids(await orderPages(params)).sort()).toEqual(wanted.map((order) => order.id).sort());
    };
    await expectIds(
      { financial: "refunded,partially_refunded" },
      orders.filter((order) => ["REFUNDED", "PARTIALLY_REFUNDED"].includes(order.financialStatus)),
    );
    await expectIds(
      { state: "cancelled" },
      orders.filter((order) => order.cancelledAt !== null),
    );
    const withCustomer = orders.find((order) => order.customerId && order.email)!;
    await expectIds(
      { customer: withCustomer.customerId! },
      orders.filter((order) => order.customerId === withCustomer.customerId),
    );
    await expectIds(
      { q: withCustomer.email!.toUpperCase() },
      orders.filter((order) => order.email?.toLowerCase().includes(withCustomer.email!.toLowerCase())),
    );
    const tag = orders.flatMap((order) => order.tags)[0]!;
    await expectIds(
      { tag },
      orders.filter((order) => order.tags.includes(tag)),
    );
    // Calendar days in the shop's zone, both ends included.
    const day = (order: OrderRecord) => todayIn(TIME_ZONE, new Date(order.processedAt));
    const days = orders.map(day).sort();
    const from = days[Math.floor(days.length / 3)]!;
    const to = days[Math.floor((days.length * 2) / 3)]!;
    await expectIds(
      { from, to },
      orders.filter((order) => day(order) >= from && day(order) <= to),
    );
    // Filters combine, and a value the list does not know is ignored rather than an error.
    const parsed = orderFilters.parse({ financial: "paid,bogus", sort: "sideways", after: "not-a-cursor" });
    expect(parsed.financial).toEqual(["paid"]);
    expect(parsed.sort).toEqual({ key: "date", direction: "desc" });
    const paid = (await orderPages({ financial: "paid" })).flat();
    expect(paid.length).toBe(orders.filter((order) => order.financialStatus === "PAID").length);
  });

  it("shows an order with its line items, refunds and customer", async () => {
    const refunded = orders.find((order) => order.refunds.length > 0 && order.customerId)!;
    const detail = (await getOrder(db.prisma, shopId, refunded.id))!;
    expect(detail.name).toBe(refunded.name);
    expect(detail.lineItems.map((line) => [line.id, line.title, line.quantity])).toEqual(
      refunded.lineItems.map((line) => [line.id, line.title, line.quantity]),
    );
    expect(detail.refunds.map((refund) => refund.id)).toEqual(refunded.refunds.map((refund) => refund.id));
    expect(detail.refunds[0]!.lines.map((line) => line.lineItemId)).toEqual(
      refunded.refunds[0]!.lineItems.map((line) => line.lineItemId),
    );
    expect(detail.customer?.id).toBe(refunded.customerId);
    expect(Math.round(Number(detail.total) * 100)).toBe(orderTotals(refunded).totalCents);
    expect(await getOrder(db.prisma, shopId, "not-an-id")).toBeNull();
  });

  it("lists customers and shows one with their orders and lifetime value", async () => {
    const customers = [...shop.customers.entries()].map(([, customer]) => customer);
    const pages = await allPages((page) =>
      listCustomers(db.prisma, shopId, customerFilters.parse({ ...page, sort: "name asc" }), TIME_ZONE),
    );
    expect(ids(pages).sort()).toEqual(customers.map((customer) => customer.id).sort());
    const names = pages.flat().map((row) => row.name);
    expect(names.length).toBe(customers.length);

    const search = (params: Partial<Record<keyof CustomerFilters, string>>) =>
      listCustomers(db.prisma, shopId, customerFilters.parse(params), TIME_ZONE);
    const someone = customers.find((customer) => customer.email)!;
    expect((await search({ q: someone.lastName.toLowerCase() })).rows.map((row) => row.id)).toContain(someone.id);
    expect((await search({ q: someone.email! })).rows.map((row) => row.id)).toEqual([someone.id]);

    // Lifetime value: what their orders kept after refunds, from the simulator's records.
    const buyer = orders.find((order) => order.customerId)!.customerId!;
    const theirs = orders.filter((order) => order.customerId === buyer);
    const valueCents = theirs.reduce((sum, order) => {
      const totals = orderTotals(order);
      return sum + totals.totalCents - totals.refundedCents;
    }, 0);
    const detail = (await getCustomer(db.prisma, shopId, buyer))!;
    expect(detail.lifetime.orders).toBe(theirs.length);
    expect(Math.round(Number(detail.lifetime.value) * 100)).toBe(valueCents);
    // The newest of them are listed (the rest are one "View all" away: the orders list by customer).
    const newest = [...theirs].sort((a, b) => b.processedAt - a.processedAt).slice(0, CUSTOMER_RECENT_ORDERS);
    expect(detail.orders.map((order) => order.id).sort()).toEqual(newest.map((order) => order.id).sort());
  });

  it("lists products with their stock and shows one with its stock by location", async () => {
    const products = [...shop.products.entries()].map(([, product]) => product);
    const list = (params: Record<string, string> = {}) =>
      allPages((page) => listProducts(db.prisma, shopId, productFilters.parse({ ...params, ...page })));
    expect(ids(await list()).sort()).toEqual(products.map((product) => product.id).sort());
    const vendor = products[0]!.vendor;
    expect(ids(await list({ vendor })).sort()).toEqual(
      products
        .filter((product) => product.vendor === vendor)
        .map((product) => product.id)
        .sort(),
    );
    const active = products.filter((product) => product.status === "ACTIVE");
    expect(ids(await list({ status: "active" })).sort()).toEqual(active.map((product) => product.id).sort());
    const sku = products[3]!.variants[0]!.sku;
    expect(ids(await list({ q: sku }))).toEqual([products[3]!.id]);

    const product = products.find((candidate) => candidate.variants.length > 1) ?? products[0]!;
    const row = (await list()).flat().find((candidate) => candidate.id === product.id)!;
    expect(row.variants).toBe(product.variants.length);
    expect(row.inventory).toBe(product.variants.reduce((sum, variant) => sum + shop.totalInventory(variant), 0));

    const detail = (await getProduct(db.prisma, shopId, product.id))!;
    expect(detail.variants.map((variant) => variant.sku)).toEqual(product.variants.map((variant) => variant.sku));
    for (const variant of product.variants) {
      const shown = detail.variants.find((candidate) => candidate.id === variant.id)!;
      const levels = shop.inventoryLevels(variant.inventoryItemId);
      expect(Object.keys(shown.stock).sort()).toEqual(levels.map((level) => level.locationId).sort());
      for (const level of levels) expect(shown.stock[level.locationId]!.available).toBe(level.available);
    }
    expect(detail.locations.length).toBeGreaterThan(0);
  });

  it("exports the filtered view as CSV, every page of it", async () => {
    const filters = orderFilters.parse({ sort: "total desc" });
    const response = csvResponse("orders.csv", ORDER_CSV_COLUMNS, exportOrders(db.prisma, shopId, filters, TIME_ZONE));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines[0]).toBe(ORDER_CSV_COLUMNS.map(([, header]) => header).join(","));
    expect(lines).toHaveLength(orders.length + 1);
    const biggest = orders.reduce((best, order) =>
      orderTotals(order).totalCents > orderTotals(best).totalCents ? order : best,
    );
    expect(lines[1]!.startsWith(`${biggest.id},${biggest.name},`)).toBe(true);

    // The export of a small page size still streams every row (several internal pages).
    const rows: OrderListRow[] = [];
    for await (const row of exportOrders(db.prisma, shopId, orderFilters.parse({ state: "open" }), TIME_ZONE)) {
      rows.push(row);
    }
    expect(rows.length).toBe(orders.filter((order) => !order.cancelledAt && !order.closedAt).length);
  });

  it("never reaches another shop's rows through this shop's id", async () => {
    const theirOrder = [...other.orders.entries()][0]![1];
    const theirCustomer = [...other.customers.entries()][0]![1];
    const theirProduct = [...other.products.entries()][0]![1];
    // The other shop's rows exist and are found under their own shop...
    expect(await getOrder(db.prisma, otherId, theirOrder.id)).not.toBeNull();
    expect(await getCustomer(db.prisma, otherId, theirCustomer.id)).not.toBeNull();
    expect(await getProduct(db.prisma, otherId, theirProduct.id)).not.toBeNull();
    // ...and never under this one, by id, by filter or by search.
    expect(await getOrder(db.prisma, shopId, theirOrder.id)).toBeNull();
    expect(await getCustomer(db.prisma, shopId, theirCustomer.id)).toBeNull();
    expect(await getProduct(db.prisma, shopId, theirProduct.id)).toBeNull();
    expect(ids(await orderPages({ customer: theirOrder.customerId ?? theirCustomer.id }))).toEqual([]);
    const everything = new Set(ids(await orderPages()));
    for (const [, order] of other.orders.entries()) expect(everything.has(order.id)).toBe(false);
    if (theirOrder.email) expect(ids(await orderPages({ q: theirOrder.email }))).toEqual([]);
  });
});
