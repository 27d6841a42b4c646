// The mandatory compliance topics and the app lifecycle. They work from the
// stored data alone: no session is needed (the app may be uninstalled).
import type { PoolClient } from "~/.server/database/pool";
import { shopifyId, stringifyShopifyJson, type Payload } from "~/.server/normalize";

const REDACTED = "redacted";

/** Tables holding a shop's data, children before parents. */
const SHOP_TABLES = [
  "refund_line_items",
  "refunds",
  "order_line_items",
  "orders",
  "customers",
  "inventory_levels",
  "inventory_items",
  "product_variants",
  "products",
  "locations",
  "carts",
  "customer_data_requests",
  "sync_runs",
];

/**
 * customers/redact: erase the customer's personal data from the customer row,
 * the listed orders (and any other order of theirs), and every stored raw copy,
 * webhook payloads included. Matches by id, or by email when that is all Shopify sends.
 */
export async function redactCustomer(
  client: PoolClient,
  shopId: string,
  payload: Payload,
  eventId: string,
): Promise<void> {
  const customer = (payload.customer ?? {}) as Payload;
  const customerId = shopifyId(customer.id);
  const email = typeof customer.email === "string" ? customer.email.toLowerCase() : null;
  const listedOrders = (Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact : [])
    .map(shopifyId)
    .filter((id) => id !== null);

  const customers = await client.query<{ shopify_id: string }>(
    `UPDATE customers SET email = NULL, first_name = NULL, last_name = NULL, phone = NULL, note = NULL,
       default_address = NULL, addresses = '[]', email_marketing_consent = NULL, sms_marketing_consent = NULL,
       raw = jsonb_build_object('id', raw->'id', 'redacted', true), redacted_at = now(), synced_at = now()
     WHERE shop_id = $1 AND (shopify_id = $2 OR ($3::text IS NOT NULL AND email = $3))
     RETURNING shopify_id`,
    [shopId, customerId, email],
  );
  const customerIds = [
    ...new Set([...customers.rows.map((row) => row.shopify_id), ...(customerId ? [String(customerId)] : [])]),
  ];

  const orders = await client.query<{ shopify_id: string }>(
    `UPDATE orders SET email = NULL, phone = NULL, billing_address = NULL, shipping_address = NULL,
       raw = (raw - 'email' - 'contact_email' - 'phone' - 'billing_address' - 'shipping_address' - 'customer' - 'browser_ip' - 'client_details')
             || '{"redacted": true}'::jsonb,
       synced_at = now()
     WHERE shop_id = $1 AND (shopify_id = ANY($2::bigint[]) OR customer_shopify_id = ANY($3::bigint[]) OR ($4::text IS NOT NULL AND email = $4))
     RETURNING shopify_id`,
    [shopId, listedOrders.map(String), customerIds, email],
  );
  const orderIds = orders.rows.map((row) => row.shopify_id);

  // Raw copies: every stored delivery that carried this customer's data, this request included.
  await client.query(
    `UPDATE webhook_events SET payload = jsonb_build_object('redacted', true, 'id', payload->'id'), raw_body = NULL, headers = NULL
     WHERE shop_id = $1 AND (
       id = $2
       OR (topic LIKE 'customers/%' AND payload->>'id' = ANY($3::text[]))
       OR payload->'customer'->>'id' = ANY($3::text[])
       OR payload->'customer'->>'email' = $4
       OR lower(payload->>'email') = $4
       OR (topic LIKE 'orders/%' AND payload->>'id' = ANY($5::text[]))
       OR (topic = 'refunds/create' AND payload->>'order_id' = ANY($5::text[])))`,
    [shopId, eventId, customerIds, email ?? REDACTED, orderIds],
  );
}

/** customers/data_request: record it and assemble what Storehouse holds about the customer. */
export async function recordDataRequest(client: PoolClient, shopId: string, payload: Payload): Promise<void> {
  const customer = (payload.customer ?? {}) as Payload;
  const customerId = shopifyId(customer.id);
  const email = typeof customer.email === "string" ? customer.email.toLowerCase() : null;
  const requested = (Array.isArray(payload.orders_requested) ? payload.orders_requested : [])
    .map(shopifyId)
    .filter((id) => id !== null);
  const customers = await client.query(
    `SELECT shopify_id::text, email, first_name, last_name, phone, state, tags, addresses, default_address, created_at, updated_at
     FROM customers WHERE shop_id = $1 AND (shopify_id = $2 OR ($3::text IS NOT NULL AND email = $3))`,
    [shopId, customerId, email],
  );
  const orders = await client.query(
    `SELECT shopify_id::text, name, email, phone, currency, total_price::text, financial_status, fulfillment_status,
       billing_address, shipping_address, processed_at
     FROM orders WHERE shop_id = $1 AND (shopify_id = ANY($2::bigint[]) OR customer_shopify_id = $3 OR ($4::text IS NOT NULL AND email = $4))`,
    [shopId, requested.map(String), customerId, email],
  );
  await client.query(
    `INSERT INTO customer_data_requests (shop_id, customer_shopify_id, email, orders_requested, request_payload, assembled_data, fulfilled_at)
     VALUES ($1, $2, $3, $4::bigint[], $5::jsonb, $6::jsonb, now())`,
    [
      shopId,
      customerId,
      email,
      requested.map(String),
      stringifyShopifyJson(payload),
      JSON.stringify({ customers: customers.rows, orders: orders.rows }),
    ],
  );
}

/** shop/redact: every row of the shop goes; the shops row stays, marked, so later deliveries stay erased. */
export async function eraseShop(client: PoolClient, shopId: string, eventId: string): Promise<void> {
  for (const table of SHOP_TABLES) await client.query(`DELETE FROM "${table}" WHERE shop_id = $1`, [shopId]);
  await client.query(`DELETE FROM webhook_events WHERE shop_id = $1 AND id <> $2`, [shopId, eventId]);
  await client.query(`DELETE FROM sessions WHERE shop = (SELECT domain FROM shops WHERE id = $1)`, [shopId]);
  await client.query(
    `UPDATE shops SET name = NULL, email = NULL, raw = NULL, scopes = NULL, redacted_at = now(), updated_at = now() WHERE id = $1`,
    [shopId],
  );
}

/** app/uninstalled: the sessions go, the data stays until shop/redact. */
export async function markUninstalled(client: PoolClient, shopId: string): Promise<void> {
  await client.query(`DELETE FROM sessions WHERE shop = (SELECT domain FROM shops WHERE id = $1)`, [shopId]);
  await client.query(`UPDATE shops SET uninstalled_at = now(), updated_at = now() WHERE id = $1`, [shopId]);
}

export async function updateScopes(client: PoolClient, shopId: string, payload: Payload): Promise<void> {
  const current = Array.isArray(payload.current) ? payload.current.map(String).join(",") : null;
  if (current !== null)
    await client.query(`UPDATE shops SET scopes = $2, updated_at = now() WHERE id = $1`, [shopId, current]);
}
