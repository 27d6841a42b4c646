import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import { adminClient, eventually, startTestSimulator } from "../support/simulator";

const SHOP = "graphql-test.myshopify.com";

describe("simulated Admin GraphQL API", () => {
  let sim: RunningSimulator;
  let gql: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    sim = await startTestSimulator();
    sim.sim.createShop({
      domain: SHOP,
      plan: "Basic",
      counts: { products: 6, customers: 12, orders: 30, locations: 2 },
    });
    gql = adminClient(sim, SHOP, sim.sim.install(SHOP).accessToken);
  });
  afterAll(() => sim.close());

  it("rejects a document the real 2026-10 schema rejects, with messages and no data", async () => {
    const { status, body } = await gql(`{ products(first: 1) { nodes { id titel } } }`);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Cannot query field "titel" on type "Product". Did you mean "title"?' }),
    ]);
  });

  it("rejects a deprecated-free but mistyped argument", async () => {
    const { body } = await gql(`{ orders(first: "ten") { nodes { id } } }`);
    expect(Array.isArray(body.errors) && body.errors[0]!.message).toMatch(/Int cannot represent non-integer value/);
  });

  it("requires first or last on a connection, like Shopify", async () => {
    const { body } = await gql(`{ customers { nodes { id } } }`);
    expect(Array.isArray(body.errors) && body.errors[0]!.message).toBe("you must provide one of first or last");
  });

  it("answers 401 without a valid access token", async () => {
    const { status } = await adminClient(sim, SHOP, "shpat_forged")(`{ shop { name } }`);
    expect(status).toBe(401);
  });

  it("pages through orders with cursors and filters them with the search syntax", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await gql(
        `query($after: String) { orders(first: 7, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const orders = body.data!.orders as {
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      seen.push(...orders.nodes.map((node) => node.id));
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    // Ids are above 2^53, as on real shops: exact only as strings.
    expect(BigInt(seen[0]!.split("/").pop()!)).toBeGreaterThan(2n ** 53n);

    const shop = sim.sim.shop(SHOP)!;
    const cutoff = shop.orders.at(20)!.updatedAt;
    const expected = [...shop.orders.entries()].filter(([, order]) => order.updatedAt > cutoff).length;
    const { body } = await gql(
      `{ orders(first: 250, query: "updated_at:>'${new Date(cutoff).toISOString()}'") { nodes { id updatedAt } } }`,
    );
    const filtered = (body.data!.orders as { nodes: { updatedAt: string }[] }).nodes;
    expect(filtered).toHaveLength(expected);
    expect(filtered.every((node) => Date.parse(node.updatedAt) > cutoff)).toBe(true);
  });

  it("resolves node and nodes by global id, null for an unknown one", async () => {
    const { body } = await gql(`{ shop { id } locations(first: 1) { nodes { id } } }`);
    const locationId = (body.data!.locations as { nodes: { id: string }[] }).nodes[0]!.id;
    const { body: nodes } = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      ids: [locationId, "gid://shopify/Order/1"],
    });
    expect(nodes.data!.nodes).toEqual([{ __typename: "Location", id: locationId }, null]);
  });

  it("reports requested and actual cost, and a query over 1,000 points is refused", async () => {
    const { body } = await gql(`{ products(first: 10) { nodes { id variants(first: 5) { nodes { id } } } } }`);
    // 2 + 10 × (1 + (2 + 5 × 1)) = 82 requested; actual counts what came back.
    expect(body.extensions!.cost.requestedQueryCost).toBe(82);
    expect(body.extensions!.cost.actualQueryCost).toBeLessThan(82);
    const { body: tooBig } = await gql(`{ orders(first: 250) { nodes { id lineItems(first: 50) { nodes { id } } } } }`);
    expect(Array.isArray(tooBig.errors) && tooBig.errors[0]!.extensions!.code).toBe("MAX_COST_EXCEEDED");
  });

  it("throttles a client whose bucket is short with THROTTLED (HTTP 200) and lets it recover at the restore rate", async () => {
    // A shop of its own: draining the bucket must not slow the other tests down.
    const shop = "throttle-test.myshopify.com";
    sim.sim.createShop({ domain: shop, plan: "Basic", counts: { orders: 40 } });
    const gql = adminClient(sim, shop, sim.sim.install(shop).accessToken);
    const query = `{ orders(first: 50) { nodes { id } } }`; // costs 52
    sim.sim.bucket(shop).drain();
    const throttled = await gql(query);
    expect(throttled.status).toBe(200);
    expect(Array.isArray(throttled.body.errors) && throttled.body.errors[0]!.extensions!.code).toBe("THROTTLED");
    expect(throttled.body.extensions!.cost).toMatchObject({
      requestedQueryCost: 52,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, restoreRate: 100 },
    });
    const drainedAt = Date.now();
    const recovered = await eventually(async () => {
      const result = await gql(query);
      return result.body.data ? result : undefined;
    });
    // 52 points at 100 points/s: about half a second after the bucket was emptied.
    expect(Date.now() - drainedAt).toBeGreaterThanOrEqual(400);
    expect(recovered.body.extensions!.cost.actualQueryCost).toBe(42);
  });

  it("creates, lists, updates and deletes webhook subscriptions, refusing non-HTTPS remote endpoints", async () => {
    const create =
      await gql(`mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: "https://app.example/webhooks" }) {
      webhookSubscription { id topic uri } userErrors { field message } } }`);
    const created = (
      create.body.data!.webhookSubscriptionCreate as { webhookSubscription: { id: string; topic: string } }
    ).webhookSubscription;
    expect(created.topic).toBe("ORDERS_CREATE");
    const refused =
      await gql(`mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: "http://app.example/webhooks" }) {
      webhookSubscription { id } userErrors { field message } } }`);
    expect(refused.body.data!.webhookSubscriptionCreate).toEqual({
      webhookSubscription: null,
      userErrors: [
        { field: ["webhookSubscription", "callbackUrl"], message: "Address protocol http:// is not supported" },
      ],
    });
    const updated = await gql(
      `mutation($id: ID!) { webhookSubscriptionUpdate(id: $id, webhookSubscription: { uri: "https://app.example/v2" }) {
      webhookSubscription { uri } userErrors { message } } }`,
      { id: created.id },
    );
    expect(updated.body.data!.webhookSubscriptionUpdate).toEqual({
      webhookSubscription: { uri: "https://app.example/v2" },
      userErrors: [],
    });
    const listed = await gql(`{ webhookSubscriptions(first: 10) { nodes { id uri } } }`);
    expect(listed.body.data!.webhookSubscriptions).toEqual({
      nodes: [{ id: created.id, uri: "https://app.example/v2" }],
    });
    const deleted = await gql(
      `mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }`,
      { id: created.id },
    );
    expect(deleted.body.data!.webhookSubscriptionDelete).toEqual({
      deletedWebhookSubscriptionId: created.id,
      userErrors: [],
    });
  });

  it("shows only the last 60 days of orders without read_all_orders, everywhere, and all of them with it", async () => {
    const domain = "sixty-days.myshopify.com";
    const shop = sim.sim.createShop({ domain, counts: { products: 4, customers: 20, orders: 200, locations: 1 } });
    const client = adminClient(sim, domain, sim.sim.install(domain).accessToken);
    const cutoff = Date.now() - 60 * 86_400_000;
    const all = [...shop.orders.entries()].map(([, order]) => order);
    const recent = all.filter((order) => order.createdAt >= cutoff);
    const old = all.find((order) => order.createdAt < cutoff)!;
    expect(old).toBeDefined(); // The generated history reaches past 60 days, or this proves nothing.
    const read = async () => {
      const { body } = await client(
        `{ ordersCount { count } orders(first: 250) { nodes { id createdAt } }
           node(id: "gid://shopify/Order/${old.id}") { id } }`,
      );
      const data = body.data as {
        ordersCount: { count: number };
        orders: { nodes: { id: string; createdAt: string }[] };
        node: { id: string } | null;
      };
      return data;
    };

    shop.grantedScopes = shop.grantedScopes.filter((scope) => scope !== "read_all_orders");
    const limited = await read();
    expect(limited.ordersCount.count).toBe(recent.length);
    expect(limited.orders.nodes).toHaveLength(recent.length);
    expect(limited.orders.nodes.every((order) => Date.parse(order.createdAt) >= cutoff - 60_000)).toBe(true);
    expect(limited.node).toBeNull();

    shop.grantedScopes.push("read_all_orders");
    const full = await read();
    expect(full.ordersCount.count).toBe(all.length);
    expect(full.orders.nodes).toHaveLength(all.length);
    expect(full.node).toEqual({ id: `gid://shopify/Order/${old.id}` });
  });
});
