// Protected customer data in the simulator, as Shopify documents it: without
// level 1 a Customer or Order is ACCESS_DENIED; without a level 2 field the
// field is null with an ACCESS_DENIED error and the rest of the answer stays,
// webhook payloads carry it redacted, and a bulk query touching it fails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import { adminClient, eventually, startTestSimulator, startWebhookReceiver } from "../support/simulator";

const SHOP = "protected-data.myshopify.com";

const CUSTOMERS = `{ customers(first: 3) { nodes {
  id firstName lastName displayName email phone numberOfOrders
  defaultAddress { address1 city firstName phone }
  addresses { address1 }
} } }`;
const ORDERS = `{ orders(first: 3) { nodes { id name email phone totalPriceSet { shopMoney { amount } }
  shippingAddress { address1 } billingAddress { address1 } customer { id } } } }`;

type Answer = { data?: Record<string, { nodes: Record<string, unknown>[] }> | null; errors?: ErrorEntry[] };
type ErrorEntry = { message: string; path?: (string | number)[]; extensions?: { code?: string } };

describe("simulated protected customer data", () => {
  let sim: RunningSimulator;
  let gql: ReturnType<typeof adminClient>;

  const setApp = async (body: unknown) => {
    const response = await fetch(`${sim.url}/__sim/app`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const query = async (document: string) => (await gql(document)).body as Answer;

  beforeAll(async () => {
    sim = await startTestSimulator();
    sim.sim.createShop({ domain: SHOP, counts: { products: 4, customers: 6, orders: 12, locations: 1 } });
    gql = adminClient(sim, SHOP, sim.sim.install(SHOP).accessToken);
  });
  afterEach(() => sim.sim.protectedCustomerData.reset());
  afterAll(() => sim.close());

  it("answers every field when the app is approved for level 1 and all four fields", async () => {
    expect((await fetch(`${sim.url}/__sim/app`).then((response) => response.json())) as unknown).toEqual({
      protectedCustomerDataApproved: true,
      protectedCustomerFields: ["name", "email", "phone", "address"],
    });
    const answer = await query(CUSTOMERS);
    expect(answer.errors).toBeUndefined();
    const customer = answer.data!.customers!.nodes[0]!;
    expect(customer.email).toEqual(expect.stringContaining("@"));
    expect(customer.firstName).toEqual(expect.any(String));
    expect(customer.defaultAddress).toMatchObject({ address1: expect.any(String) });
  });

  it("withholds the unapproved fields as null with ACCESS_DENIED errors and keeps the rest", async () => {
    expect(await setApp({ protectedCustomerFields: ["name"] })).toEqual({
      status: 200,
      body: { protectedCustomerDataApproved: true, protectedCustomerFields: ["name"] },
    });
    const answer = await query(CUSTOMERS);
    const customers = answer.data!.customers!.nodes;
    expect(customers).toHaveLength(3);
    for (const customer of customers) {
      expect(customer).toMatchObject({
        id: expect.stringMatching(/^gid:\/\/shopify\/Customer\//),
        firstName: expect.any(String),
        email: null,
        phone: null,
        defaultAddress: null,
        addresses: [], // Non-null in the schema: answered empty, with its error beside the answer.
        numberOfOrders: expect.any(String),
      });
    }
    const denied = answer.errors!;
    expect(denied.every((error) => error.extensions?.code === "ACCESS_DENIED")).toBe(true);
    expect(denied.map((error) => error.path!.join("."))).toEqual(
      expect.arrayContaining([
        "customers.nodes.0.email",
        "customers.nodes.0.phone",
        "customers.nodes.0.defaultAddress",
        "customers.nodes.0.addresses",
        "customers.nodes.2.email",
      ]),
    );
    expect(denied.find((error) => error.path!.join(".") === "customers.nodes.0.email")!.message).toBe(
      "This app is not approved to use the email field. See https://shopify.dev/docs/apps/launch/protected-customer-data for more details.",
    );
    expect(denied.some((error) => error.path!.at(-1) === "firstName")).toBe(false);

    const orders = (await query(ORDERS)).data!.orders!.nodes;
    expect(orders[0]).toMatchObject({
      name: expect.stringMatching(/^#\d+/), // An order's name is its number, not a person's.
      email: null,
      phone: null,
      shippingAddress: null,
      billingAddress: null,
      totalPriceSet: { shopMoney: { amount: expect.any(String) } },
    });
  });

  it("withholds a name inside an address the app may read", async () => {
    await setApp({ protectedCustomerFields: ["email", "phone", "address"] });
    const answer = await query(CUSTOMERS);
    const customer = answer.data!.customers!.nodes.find((node) => node.defaultAddress)!;
    expect(customer.defaultAddress).toMatchObject({ address1: expect.any(String), firstName: null });
    expect(customer.firstName).toBeNull();
    expect(customer.displayName).toBe("");
    expect(customer.email).toEqual(expect.stringContaining("@"));
  });

  it("denies customers and orders entirely without level 1, and nothing else", async () => {
    await setApp({ protectedCustomerDataApproved: false });
    const customers = await query(CUSTOMERS);
    expect(customers.data).toBeNull();
    expect(customers.errors![0]).toMatchObject({
      message: expect.stringMatching(/^This app is not approved to access the Customer object\./),
      extensions: { code: "ACCESS_DENIED" },
    });
    const products = await query(`{ products(first: 2) { nodes { id title } } }`);
    expect(products.errors).toBeUndefined();
    expect(products.data!.products!.nodes).toHaveLength(2);
  });

  it("fails a bulk query that selects a withheld field with ACCESS_DENIED, and runs one that does not", async () => {
    await setApp({ protectedCustomerFields: ["name", "phone", "address"] });
    const run = async (bulkQuery: string) => {
      const { body } = await gql(
        `mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }`,
        { q: bulkQuery },
      );
      const id = (body.data!.bulkOperationRunQuery as { bulkOperation: { id: string } }).bulkOperation.id;
      return eventually(async () => {
        const { body: status } = await gql(
          `query($id: ID!) { bulkOperation(id: $id) { status errorCode objectCount } }`,
          { id },
        );
        const operation = status.data!.bulkOperation as { status: string; errorCode: string | null };
        return ["COMPLETED", "FAILED"].includes(operation.status) ? operation : undefined;
      });
    };
    expect(await run(`{ customers { edges { node { id email } } } }`)).toMatchObject({
      status: "FAILED",
      errorCode: "ACCESS_DENIED",
    });
    expect(await run(`{ customers { edges { node { id firstName } } } }`)).toMatchObject({
      status: "COMPLETED",
      errorCode: null,
      objectCount: "6",
    });
  });

  it("redacts withheld fields in webhook payloads, order numbers and money intact", async () => {
    const receiver = await startWebhookReceiver();
    try {
      for (const topic of ["CUSTOMERS_UPDATE", "ORDERS_UPDATED"]) {
        const { body } = await gql(
          `mutation($uri: String!) { webhookSubscriptionCreate(topic: ${topic}, webhookSubscription: { uri: $uri }) { userErrors { message } } }`,
          { uri: receiver.url },
        );
        expect(body.errors).toBeUndefined();
      }
      await setApp({ protectedCustomerFields: ["phone"] });
      const shop = sim.sim.shop(SHOP)!;
      const customer = shop.customers.at(0)!;
      sim.changes.updateCustomer(shop, customer.id, { note: "redaction check" });
      const order = shop.orders.at(0)!;
      sim.changes.updateOrder(shop, order.id, { note: "redaction check" });
      const [customerPayload, orderPayload] = await eventually(() => {
        const bodies = receiver.received.map((webhook) => JSON.parse(webhook.body) as Record<string, unknown>);
        const byCustomer = bodies.find((body) => body.id === Number(customer.id) && "addresses" in body);
        const byOrder = bodies.find((body) => "line_items" in body);
        return byCustomer && byOrder ? [byCustomer, byOrder] : undefined;
      });
      expect(customerPayload).toMatchObject({
        note: "redaction check",
        email: null,
        first_name: null,
        last_name: null,
        addresses: [],
        default_address: null,
      });
      expect(customerPayload.phone).toBe(customer.phone); // Approved: sent as is.
      expect(orderPayload).toMatchObject({
        name: order.name,
        email: null,
        contact_email: null,
        billing_address: null,
        shipping_address: null,
        total_price: expect.stringMatching(/^\d+\.\d{2}$/),
      });
      expect(JSON.stringify(orderPayload)).not.toContain(customer.email ?? "@");
    } finally {
      await receiver.close();
    }
  });

  it("refuses settings Shopify does not have", async () => {
    expect((await setApp({ protectedCustomerFields: ["birthday"] })).status).toBe(400);
    expect((await setApp({ approved: false })).status).toBe(400);
  });
});
