import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import { adminClient, eventually, startTestSimulator, startWebhookReceiver } from "../support/simulator";

const SHOP = "bulk-test.myshopify.com";
const ORDERS_WITH_LINE_ITEMS = `{ orders { edges { node { id name lineItems { edges { node { id quantity sku } } } } } } }`;

interface Operation {
  id: string;
  status: string;
  objectCount: string;
  rootObjectCount: string;
  url: string | null;
}

describe("simulated bulk operations", () => {
  let sim: RunningSimulator;
  let gql: ReturnType<typeof adminClient>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const run = async (query: string) => {
    const { body } = await gql(
      `mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) {
      bulkOperation { id status } userErrors { field message code } } }`,
      { q: query },
    );
    return body.data!.bulkOperationRunQuery as {
      bulkOperation: Operation | null;
      userErrors: { message: string; code: string }[];
    };
  };
  const poll = (id: string) =>
    eventually(async () => {
      const { body } = await gql(
        `query($id: ID!) { node(id: $id) { ... on BulkOperation { id status objectCount rootObjectCount url } } }`,
        { id },
      );
      const operation = body.data!.node as Operation;
      return ["COMPLETED", "FAILED", "CANCELED"].includes(operation.status) ? operation : undefined;
    });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sim = await startTestSimulator({ bulkWindowDelayMs: 100 });
    sim.sim.createShop({ domain: SHOP, counts: { products: 8, customers: 15, orders: 600 } });
    gql = adminClient(sim, SHOP, sim.sim.install(SHOP).accessToken);
    await gql(
      `mutation($uri: String!) { webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH, webhookSubscription: { uri: $uri }) { userErrors { message } } }`,
      {
        uri: receiver.url,
      },
    );
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("exports exactly the seeded orders and line items as JSONL with __parentId links", async () => {
    const { bulkOperation, userErrors } = await run(ORDERS_WITH_LINE_ITEMS);
    expect(userErrors).toEqual([]);
    expect(bulkOperation!.status).toBe("CREATED");
    const done = await poll(bulkOperation!.id);
    expect(done.status).toBe("COMPLETED");

    const lines = (await (await fetch(done.url!)).text())
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; __parentId?: string });
    const shop = sim.sim.shop(SHOP)!;
    const seededLineItems = [...shop.orders.entries()].reduce((sum, [, order]) => sum + order.lineItems.length, 0);
    const orders = lines.filter((line) => line.id.startsWith("gid://shopify/Order/"));
    const lineItems = lines.filter((line) => line.id.startsWith("gid://shopify/LineItem/"));
    expect(orders).toHaveLength(600);
    expect(lineItems).toHaveLength(seededLineItems);
    expect(Number(done.objectCount)).toBe(600 + seededLineItems);
    expect(Number(done.rootObjectCount)).toBe(600);
    // Parents carry no __parentId and no nested connection; every child points at a parent seen before it.
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.id.startsWith("gid://shopify/Order/")) {
        expect(line).not.toHaveProperty("__parentId");
        expect(line).not.toHaveProperty("lineItems");
        seen.add(line.id);
      } else {
        expect(seen.has(line.__parentId!)).toBe(true);
      }
    }
    const order = shop.orders.at(0)!;
    expect(
      lineItems.filter((line) => line.__parentId === `gid://shopify/Order/${order.id}`).map((line) => line.id),
    ).toEqual(order.lineItems.map((item) => `gid://shopify/LineItem/${item.id}`));

    const finish = await eventually(() =>
      receiver.received.find((webhook) => webhook.body.includes(bulkOperation!.id)),
    );
    expect(finish.headers["x-shopify-topic"]).toBe("bulk_operations/finish");
    expect(JSON.parse(finish.body)).toMatchObject({
      status: "completed",
      type: "query",
      admin_graphql_api_id: bulkOperation!.id,
      // Whole seconds in the shop's zone (America/New_York by default), as Shopify writes them.
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/),
      completed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/),
    });
  });

  it("refuses queries outside Shopify's bulk limits", async () => {
    const noConnection = await run(`{ shop { name } }`);
    expect(noConnection.userErrors[0]).toMatchObject({
      code: "INVALID",
      message: "Bulk queries must contain at least one connection.",
    });
    const tooDeep = await run(
      `{ customers { edges { node { id orders { edges { node { id lineItems { edges { node { id } } } } } } } } } }`,
    );
    expect(tooDeep.userErrors[0]!.message).toMatch(/nesting depth greater than 2/);
    const invalid = await run(`{ orders { edges { node { id nope } } } }`);
    expect(invalid.userErrors[0]!.message).toMatch(/Cannot query field "nope"/);
    const orphan = await run(`{ orders { edges { node { name lineItems { edges { node { id } } } } } } }`);
    expect(orphan.userErrors[0]!.message).toMatch(/must select the 'id' field/);
  });

  it("runs at most five query operations at once per shop, and cancels on request", async () => {
    const started = [];
    for (let k = 0; k < 5; k += 1) started.push((await run(ORDERS_WITH_LINE_ITEMS)).bulkOperation!);
    const sixth = await run(ORDERS_WITH_LINE_ITEMS);
    expect(sixth.bulkOperation).toBeNull();
    expect(sixth.userErrors[0]!.code).toBe("LIMIT_REACHED");

    const { body } = await gql(
      `mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`,
      {
        id: started[4]!.id,
      },
    );
    expect(body.data!.bulkOperationCancel).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
    expect((await poll(started[4]!.id)).status).toBe("CANCELED");
    for (const operation of started.slice(0, 4)) expect((await poll(operation.id)).status).toBe("COMPLETED");
  });

  it("serves results only until their URL expires", async () => {
    const shortLived = await startTestSimulator({ bulkResultTtlMs: 300 });
    try {
      shortLived.sim.createShop({ domain: SHOP, counts: { orders: 3 } });
      const gqlShort = adminClient(shortLived, SHOP, shortLived.sim.install(SHOP).accessToken);
      await gqlShort(
        `mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id } } } }", groupObjects: false) { userErrors { message } } }`,
      );
      const operation = await eventually(async () => {
        const { body } = await gqlShort(`{ currentBulkOperation { status url } }`);
        const current = body.data!.currentBulkOperation as { status: string; url: string };
        return current.status === "COMPLETED" ? current : undefined;
      });
      expect((await fetch(operation.url)).status).toBe(200);
      const expired = await eventually(async () => ((await fetch(operation.url)).status === 400 ? true : undefined));
      expect(expired).toBe(true);
      const { body } = await gqlShort(`{ currentBulkOperation { status url } }`);
      expect(body.data!.currentBulkOperation).toEqual({ status: "EXPIRED", url: null });
    } finally {
      await shortLived.close();
    }
  });
});
