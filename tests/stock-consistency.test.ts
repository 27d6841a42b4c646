// A variant's stock is the sum of its inventory levels (Shopify's truth),
// whatever order products/create|update and inventory_levels/update arrive
// in: each ordering below is delivered to a shop of its own, and every shop
// must end with the same figures.
import { describe, expect, it } from "vitest";
import { receiveWebhook } from "~/.server/ingestion";
import { drainQueue, signedRequest, useIngestionDatabase } from "./support/webhooks";

const PRODUCT = 7700000000001n;
const [ITEM_1, ITEM_2] = [7710000000001n, 7710000000002n];
const [LOCATION_1, LOCATION_2] = [7720000000001n, 7720000000002n];

const variants = (quantity1: number, quantity2: number) =>
  `[{"id":7730000000001,"product_id":${PRODUCT},"title":"S","price":"10.00","sku":"S","inventory_item_id":${ITEM_1},` +
  `"inventory_quantity":${quantity1},"updated_at":"2026-06-01T00:00:00Z"},` +
  `{"id":7730000000002,"product_id":${PRODUCT},"title":"M","price":"10.00","sku":"M","inventory_item_id":${ITEM_2},` +
  `"inventory_quantity":${quantity2},"updated_at":"2026-06-01T00:00:00Z"}]`;
const product = (updatedAt: string, quantity1: number, quantity2: number) =>
  `{"id":${PRODUCT},"admin_graphql_api_id":"gid://shopify/Product/${PRODUCT}","title":"Kite","status":"active",` +
  `"updated_at":"${updatedAt}","variants":${variants(quantity1, quantity2)}}`;
const level = (item: bigint, location: bigint, available: number, updatedAt: string) =>
  `{"inventory_item_id":${item},"location_id":${location},"available":${available},"updated_at":"${updatedAt}"}`;

/** The deliveries, with figures that disagree on purpose: the products' own counts are stale. */
const EVENTS = [
  { topic: "products/create", body: product("2026-06-01T00:00:00Z", 10, 5) },
  { topic: "products/update", body: product("2026-06-03T00:00:00Z", 99, 1) },
  { topic: "inventory_levels/update", body: level(ITEM_1, LOCATION_1, 3, "2026-06-01T01:00:00Z") },
  { topic: "inventory_levels/update", body: level(ITEM_1, LOCATION_2, 4, "2026-06-01T01:00:00Z") },
  { topic: "inventory_levels/update", body: level(ITEM_1, LOCATION_1, 6, "2026-06-02T00:00:00Z") },
  { topic: "inventory_levels/update", body: level(ITEM_2, LOCATION_1, 7, "2026-06-01T01:00:00Z") },
];

/** Orderings: both extremes and a seeded sample of the 720 permutations. */
function orderings(count: number): number[][] {
  const identity = EVENTS.map((_, index) => index);
  const result = [identity, [...identity].reverse(), [2, 3, 4, 5, 0, 1], [0, 1, 5, 4, 3, 2]];
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  while (result.length < count) {
    const order = [...identity];
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    result.push(order);
  }
  return result;
}

describe("variant stock", () => {
  const opened = useIngestionDatabase();

  it("equals the sum of its inventory levels after products and levels arrive in any order", async () => {
    const runs = orderings(40);
    for (const [run, order] of runs.entries()) {
      const shop = `stock-${run}.myshopify.com`;
      for (const index of order) {
        const { topic, body } = EVENTS[index]!;
        const response = await receiveWebhook(opened.ingestion, signedRequest({ topic, shop, body }));
        expect(response.status).toBe(200);
      }
    }
    await drainQueue(opened.ingestion);

    const { rows } = await opened.ingestion.pool.query<{
      domain: string;
      sku: string;
      quantity: number;
      levels: number;
    }>(
      `SELECT s.domain, v.sku, v.inventory_quantity AS quantity,
         (SELECT coalesce(sum(l.available), 0)::int FROM inventory_levels l
          WHERE l.shop_id = v.shop_id AND l.inventory_item_id = v.inventory_item_id AND l.deleted_at IS NULL) AS levels
       FROM product_variants v JOIN shops s ON s.id = v.shop_id
       WHERE s.domain LIKE 'stock-%' ORDER BY s.domain, v.sku`,
    );
    expect(rows).toHaveLength(runs.length * 2);
    const wrong = rows.filter((row) => row.quantity !== row.levels || row.quantity !== (row.sku === "S" ? 10 : 7));
    expect(wrong).toEqual([]);
  });

  it("follows a level that is disconnected from its location", async () => {
    const shop = "stock-disconnect.myshopify.com";
    for (const { topic, body } of [EVENTS[0]!, EVENTS[2]!, EVENTS[3]!]) {
      expect((await receiveWebhook(opened.ingestion, signedRequest({ topic, shop, body }))).status).toBe(200);
    }
    const disconnect = `{"inventory_item_id":${ITEM_1},"location_id":${LOCATION_2}}`;
    await receiveWebhook(
      opened.ingestion,
      signedRequest({ topic: "inventory_levels/disconnect", shop, body: disconnect }),
    );
    await drainQueue(opened.ingestion);
    const variant = await opened.db.prisma.productVariant.findFirstOrThrow({
      where: { shop: { domain: shop }, inventoryItemId: ITEM_1 },
    });
    expect(variant.inventoryQuantity).toBe(3);
  });
});
