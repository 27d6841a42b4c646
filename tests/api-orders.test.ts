// /api/v1/orders as an analyst's client meets it: bearer keys scoped to one
// shop, the contract's shapes, cursor pages that read every order exactly as
// the simulator holds it, problem+json refusals, and the access log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CostLimiter, createAdminRequest } from "~/.server/admin-api/admin-client";
import { issueApiKey, revokeApiKey } from "~/.server/api-keys";
import { apiOrder, orderPage } from "~/.server/insights/api/orders";
import { runBackfill } from "~/.server/sync/backfill";
import { loader as getOrder } from "~/routes/api.v1.orders.$id";
import { loader as listOrders } from "~/routes/api.v1.orders";
import type { Pool } from "~/.server/database/pool";
import type { RunningSimulator } from "../simulator";
import { orderTotals } from "../simulator/shop/order-totals";
import type { SimulatedShop } from "../simulator/shop/shop";
import type { TestDatabase } from "./support/database";
import { closeSimulatedShop, openSimulatedShop } from "./support/simulated-shop";
import { simulatorGraphql } from "./support/simulator";

const SHOP = "api-orders.myshopify.com";
const OTHER = "api-other.myshopify.com";

describe("GET /api/v1/orders", () => {
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
      ingestion: null as never,
    };
  });
  afterAll(async () => {
    globalThis.__storehouseWeb = undefined;
    await closeSimulatedShop({ db, pool, sim });
  });

  const call = async (
    loader: typeof listOrders,
    path: string,
    bearer: string | null,
    params: Record<string, string> = {},
  ) => {
    const request = new Request(`https://storehouse.example${path}`, {
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    });
    const response = await loader({ request, params, context: {} });
    return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
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
