// Hostile and odd deliveries: each gets the answer that tells Shopify the
// truth (400 when no retry can help, never 503), nothing is stored where
// nothing should be, and every authentic delivery with a usable body is
// stored and processed.
import { describe, expect, it } from "vitest";
import { receiveWebhook } from "~/.server/ingestion";
import { drainQueue, signedRequest, useIngestionDatabase } from "./support/webhooks";

const SHOP = "hostile.myshopify.com";
const order = (id: string, extra = "") =>
  `{"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}","name":"#${id.slice(-4)}","currency":"USD",` +
  `"total_price":"10.00","updated_at":"2026-03-01T00:00:00Z","line_items":[]${extra}}`;

describe("hostile webhook deliveries", () => {
  const opened = useIngestionDatabase();
  const post = (options: Parameters<typeof signedRequest>[0]) =>
    receiveWebhook(opened.ingestion, signedRequest(options));
  const stored = (webhookId: string) => opened.db.prisma.webhookEvent.findUnique({ where: { webhookId } });

  it("stores and processes a body with \\u0000 and unpaired surrogate escapes, keeping the exact body", async () => {
    const body = order("5100000000000000001", `,"note":"call me\\u0000 now \\ud83d alone","tags":"\\\\u0000 is text"`);
    const response = await post({ topic: "orders/create", shop: SHOP, body, webhookId: "nul-escape" });
    expect(response.status).toBe(200);
    const event = (await stored("nul-escape"))!;
    expect(event.rawBody).toBe(body);
    expect((event.payload as { note: string }).note).toBe("call me\ufffd now \ufffd alone");
    // An escaped backslash followed by u0000 is text, not an escape: left alone.
    expect((event.payload as { tags: string }).tags).toBe("\\u0000 is text");

    const paired = order("5100000000000000002", `,"note":"smile \\ud83d\\ude00"`);
    expect((await post({ topic: "orders/create", shop: SHOP, body: paired, webhookId: "paired" })).status).toBe(200);
    expect((await stored("paired"))!.rawBody).toBeNull(); // Nothing altered: no second copy.

    await drainQueue(opened.ingestion);
    expect((await stored("nul-escape"))!.status).toBe("processed");
    const row = await opened.db.prisma.order.findFirstOrThrow({ where: { shopifyId: 5100000000000000001n } });
    expect(row.note).toBe("call me\ufffd now \ufffd alone");
    const smiling = await opened.db.prisma.order.findFirstOrThrow({ where: { shopifyId: 5100000000000000002n } });
    expect(smiling.note).toBe("smile \u{1f600}");
  });

  it("answers 400 and stores nothing for bodies that can never be processed", async () => {
    const refused: Record<string, string> = {
      "raw-nul": `{"id":1,"note":"a\u0000b"}`,
      "not-json": `{"id": 1,`,
      empty: "",
      deep: `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      "just-too-deep": `{"a":${"[".repeat(128)}${"]".repeat(128)}}`,
      array: "[]",
      string: '"an order"',
      null: "null",
      number: "42",
      true: "true",
    };
    for (const [webhookId, body] of Object.entries(refused)) {
      const response = await post({ topic: "orders/create", shop: SHOP, body, webhookId });
      expect([webhookId, response.status]).toEqual([webhookId, 400]);
    }
    const answer = await post({ topic: "orders/create", shop: SHOP, body: "[1]", webhookId: "array-2" });
    expect(await answer.json()).toEqual({ error: "the body is JSON but not an object" });
    expect(
      await opened.db.prisma.webhookEvent.count({ where: { webhookId: { in: [...Object.keys(refused), "array-2"] } } }),
    ).toBe(0);
    // A topic in Shopify's newer dotted spelling is not refused: stored as one the app does not process.
    const dotted = await post({
      topic: "customer.tags_added",
      shop: SHOP,
      body: '{"id":1}',
      webhookId: "dotted-topic",
    });
    expect(dotted.status).toBe(200);
    expect((await stored("dotted-topic"))!.status).toBe("ignored");
    // The deepest body still allowed is stored.
    const deepest = `{"a":${"[".repeat(127)}${"]".repeat(127)}}`;
    expect((await post({ topic: "orders/create", shop: SHOP, body: deepest, webhookId: "deepest" })).status).toBe(200);
  });

  it("answers 400 for header values past their limits or not shaped like Shopify's, creating no shop", async () => {
    const body = order("5200000000000000001");
    const long = "x".repeat(3_000);
    const cases = [
      { webhookId: long, topic: "orders/create", shop: "long-id.myshopify.com" },
      { webhookId: "long-topic", topic: `orders/${long}`, shop: "long-topic.myshopify.com" },
      { webhookId: "long-shop", topic: "orders/create", shop: `${long}.myshopify.com` },
      { webhookId: "evil-shop", topic: "orders/create", shop: "evil.example.com" },
      { webhookId: "path-shop", topic: "orders/create", shop: "x.myshopify.com/../../admin" },
      { webhookId: "mixed-case", topic: "orders/create", shop: "Mixed.myshopify.com" },
      { webhookId: "odd-topic", topic: "orders/create; drop table", shop: "odd-topic.myshopify.com" },
    ];
    for (const delivery of cases) {
      const response = await post({ ...delivery, body });
      expect([delivery.webhookId.slice(0, 20), response.status]).toEqual([delivery.webhookId.slice(0, 20), 400]);
    }
    // Unsigned junk is 401 whatever its headers: the HMAC is checked first.
    expect((await post({ ...cases[3]!, body, secret: "not-the-secret" })).status).toBe(401);
    const answer = await post({ ...cases[3]!, body });
    expect(await answer.json()).toEqual({ error: "x-shopify-shop-domain is not a lower-case *.myshopify.com host" });
    expect(
      await opened.db.prisma.webhookEvent.count({ where: { webhookId: { in: cases.map((c) => c.webhookId) } } }),
    ).toBe(0);
    expect(
      await opened.db.prisma.shop.count({
        where: {
          OR: [{ domain: { contains: "long" } }, { domain: { contains: "example" } }, { domain: { contains: "x." } }],
        },
      }),
    ).toBe(0);
    expect(
      await opened.db.prisma.shop.count({ where: { domain: { in: ["mixed.myshopify.com", "Mixed.myshopify.com"] } } }),
    ).toBe(0);
  });

  it("refuses a compliance or shop delivery whose payload names another shop than its header, erasing nothing", async () => {
    const victim = "victim.myshopify.com";
    const product = `{"id":5300000000000000001,"admin_graphql_api_id":"gid://shopify/Product/5300000000000000001","title":"Kept","updated_at":"2026-03-01T00:00:00Z","variants":[]}`;
    expect(
      (await post({ topic: "products/create", shop: victim, body: product, webhookId: "victim-product" })).status,
    ).toBe(200);
    await drainQueue(opened.ingestion);

    // A captured shop/redact of attacker.myshopify.com, re-sent naming the victim in the header.
    const captured = `{"shop_id":954889,"shop_domain":"attacker.myshopify.com"}`;
    const replayed = await post({ topic: "shop/redact", shop: victim, body: captured, webhookId: "replayed-redact" });
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toEqual({ error: "the payload names another shop than X-Shopify-Shop-Domain" });
    const uninstall = `{"id":954889,"myshopify_domain":"attacker.myshopify.com","domain":null}`;
    expect(
      (await post({ topic: "app/uninstalled", shop: victim, body: uninstall, webhookId: "replayed-uninstall" })).status,
    ).toBe(400);
    expect(await stored("replayed-redact")).toBeNull();
    expect(await stored("replayed-uninstall")).toBeNull();

    // The same domain but another shop id than the stored shop's: stored, then refused by the worker.
    const victimRow = await opened.db.prisma.shop.update({ where: { domain: victim }, data: { shopifyId: 111n } });
    const forged = `{"shop_id":954889,"shop_domain":"${victim}"}`;
    expect(
      (await post({ topic: "shop/redact", shop: victim, body: forged, webhookId: "other-id-redact" })).status,
    ).toBe(200);
    await drainQueue(opened.ingestion);
    expect(await stored("other-id-redact")).toMatchObject({
      status: "dead",
      attempts: 1,
      lastError: "MalformedPayloadError: shop/redact names shop 954889, but this shop is 111",
    });
    expect(await opened.db.prisma.product.count({ where: { shopId: victimRow.id } })).toBe(1);
    expect((await opened.db.prisma.shop.findUniqueOrThrow({ where: { domain: victim } })).redactedAt).toBeNull();
  });

  it("ends an event with a payload that can never apply at once, with a clear error and nothing written", async () => {
    const productAsOrder = `{"id":5400000000000000001,"admin_graphql_api_id":"gid://shopify/Product/5400000000000000001","title":"Phantom","variants":[]}`;
    const bodies: Record<string, string> = {
      "product-as-order": productAsOrder,
      "id-past-int8": order("9223372036854775808"),
      "id-non-numeric": `{"id":"abc","admin_graphql_api_id":"gid://shopify/Order/abc","updated_at":"2026-03-01T00:00:00Z","line_items":[]}`,
      "id-zero": order("0"),
      "id-negative": order("-5"),
      "id-1e400": order("1e400"),
      "product-without-gid": `{"id":5400000000000000002,"title":"Phantom","updated_at":"2026-03-01T00:00:00Z","variants":[]}`,
    };
    for (const [webhookId, body] of Object.entries(bodies)) {
      expect([webhookId, (await post({ topic: "orders/create", shop: SHOP, body, webhookId })).status]).toEqual([
        webhookId,
        200,
      ]);
    }
    // An event stored before opened.ingestion bounded the depth: too deep for the worker's lossless parser.
    const shop = await opened.db.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const deep = await opened.ingestion.pool.query<{ id: string }>(
      `INSERT INTO webhook_events (shop_id, shop_domain, topic, webhook_id, payload, status)
       VALUES ($1, $2, 'orders/create', 'too-deep-to-parse', $3::jsonb, 'pending') RETURNING id`,
      [shop.id.toString(), SHOP, `{"id":1,"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`],
    );
    await opened.ingestion.boss.send("webhook-events", { eventId: deep.rows[0]!.id });
    await drainQueue(opened.ingestion);

    const events = await opened.db.prisma.webhookEvent.findMany({
      where: { webhookId: { in: [...Object.keys(bodies), "too-deep-to-parse"] } },
      select: { webhookId: true, status: true, attempts: true, lastError: true },
      orderBy: { webhookId: "asc" },
    });
    expect(Object.fromEntries(events.map((event) => [event.webhookId, event.lastError]))).toEqual({
      "id-1e400": expect.stringMatching(/^MalformedPayloadError: 1000000000\S* is not a Shopify id/),
      "id-negative": "MalformedPayloadError: -5 is not a Shopify id (a whole number from 1 to 2^63 - 1)",
      "id-non-numeric": 'MalformedPayloadError: "abc" is not a Shopify id (a whole number from 1 to 2^63 - 1)',
      "id-past-int8":
        "MalformedPayloadError: 9223372036854775808 is not a Shopify id (a whole number from 1 to 2^63 - 1)",
      "id-zero": "MalformedPayloadError: 0 is not a Shopify id (a whole number from 1 to 2^63 - 1)",
      "product-without-gid": 'MalformedPayloadError: orders/create carries "variants", which no Order payload has',
      "product-as-order":
        "MalformedPayloadError: orders/create carries gid://shopify/Product/5400000000000000001, not the topic's Order",
      "too-deep-to-parse": "MalformedPayloadError: the payload nests too deep to parse",
    });
    for (const event of events)
      expect([event.webhookId, event.status, event.attempts]).toEqual([event.webhookId, "dead", 1]);
    expect(
      await opened.db.prisma.order.count({
        where: { shopId: shop.id, NOT: { shopifyId: { in: [5100000000000000001n, 5100000000000000002n] } } },
      }),
    ).toBe(0);
  });
});
