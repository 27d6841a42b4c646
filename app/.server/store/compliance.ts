// The mandatory compliance topics and the app lifecycle. They work from the
// stored data alone: no session is needed (the app may be uninstalled).
import pg from "pg";
import type { PoolClient } from "~/.server/database/pool";
import { shopifyId, stringifyShopifyJson, type Payload } from "~/.server/normalize";

/** What replaces a raw JSON copy holding personal data: its id only, so links and audits still resolve. */
const STUB = (column: string) => `jsonb_build_object('id', ${column}->'id', 'redacted', true)`;

/**
 * customers/redact: erase the customer's personal data everywhere it was
 * stored, keeping ids, money and dates so the merchant's figures do not
 * change. The customer is matched by id, by email, and through
 * `orders_to_redact`; what their orders carry goes too (notes, note
 * attributes, addresses, line-item properties, refunds' notes and
 * transactions), and so does every raw JSON copy: rows' `raw`, stored
 * webhook payloads, data requests and the dashboard's stored figures; the
 * S3 snapshots are rewritten later from the request it records.
 */
export async function redactCustomer(
  client: PoolClient,
  shopId: string,
  payload: Payload,
  eventId: string,
): Promise<void> {
  const customer = (payload.customer ?? {}) as Payload;
  const customerId = shopifyId(customer.id);
  const email = typeof customer.email === "string" && customer.email ? customer.email.toLowerCase() : null;
  const phone = typeof customer.phone === "string" && customer.phone ? customer.phone : null;
  const listedOrders = (Array.isArray(payload.orders_to_redact) ? payload.orders_to_redact : [])
    .map(shopifyId)
    .filter((id) => id !== null);

  const customers = await client.query<{ shopify_id: string; email: string | null; phone: string | null }>(
    `WITH matched AS (
       SELECT id, shopify_id, email, phone FROM customers
       WHERE shop_id = $1 AND (shopify_id = $2 OR ($3::text IS NOT NULL AND lower(email) = $3)) FOR UPDATE)
     UPDATE customers c SET email = NULL, first_name = NULL, last_name = NULL, phone = NULL, note = NULL,
       default_address = NULL, addresses = '[]', email_marketing_consent = NULL, sms_marketing_consent = NULL,
       raw = ${STUB("c.raw")}, redacted_at = now(), synced_at = now()
     FROM matched WHERE c.id = matched.id
     RETURNING matched.shopify_id::text, matched.email, matched.phone`,
    [shopId, customerId, email],
  );
  const customerIds = [
    ...new Set([...customers.rows.map((row) => row.shopify_id), ...(customerId ? [String(customerId)] : [])]),
  ];
  // Every address and number the customer is known by: Shopify's payload, and what the row held.
  const emails = [...new Set([email, ...customers.rows.map((row) => row.email?.toLowerCase())].filter(isText))];
  const phones = [...new Set([phone, ...customers.rows.map((row) => row.phone)].filter(isText))];

  const orders = await client.query<{ id: string; shopify_id: string }>(
    `UPDATE orders SET email = NULL, phone = NULL, billing_address = NULL, shipping_address = NULL,
       note = NULL, note_attributes = NULL, raw = ${STUB("raw")}, synced_at = now()
     WHERE shop_id = $1 AND (shopify_id = ANY($2::bigint[]) OR customer_shopify_id = ANY($3::bigint[])
       OR lower(email) = ANY($4::text[]))
     RETURNING id::text, shopify_id::text`,
    [shopId, listedOrders.map(String), customerIds, emails],
  );
  const orderRowIds = orders.rows.map((row) => row.id);
  const orderIds = orders.rows.map((row) => row.shopify_id);
  await client.query(
    `UPDATE order_line_items SET properties = NULL, raw = ${STUB("raw")}, synced_at = now()
     WHERE shop_id = $1 AND (order_id = ANY($2::bigint[]) OR order_shopify_id = ANY($3::bigint[]))`,
    [shopId, orderRowIds, orderIds],
  );
  const refunds = await client.query<{ id: string; shopify_id: string }>(
    `UPDATE refunds SET note = NULL, transactions = NULL, raw = ${STUB("raw")}, synced_at = now()
     WHERE shop_id = $1 AND (order_id = ANY($2::bigint[]) OR order_shopify_id = ANY($3::bigint[]))
     RETURNING id::text, shopify_id::text`,
    [shopId, orderRowIds, orderIds],
  );
  await client.query(
    `UPDATE refund_line_items SET raw = ${STUB("raw")}, synced_at = now()
     WHERE shop_id = $1 AND (refund_id = ANY($2::bigint[]) OR refund_shopify_id = ANY($3::bigint[]))`,
    [shopId, refunds.rows.map((row) => row.id), refunds.rows.map((row) => row.shopify_id)],
  );
  // Carts name no customer column: match what their stored copy carries.
  const carts = await client.query<{ token: string }>(
    `UPDATE carts SET note = NULL, line_items = NULL, raw = jsonb_build_object('token', token, 'redacted', true),
       synced_at = now()
     WHERE shop_id = $1 AND (raw->'customer'->>'id' = ANY($2::text[]) OR ${mentions("raw::text", "$3", "$4")})
     RETURNING token`,
    [shopId, customerIds, emails, phones],
  );
  await client.query(
    `UPDATE customer_data_requests SET email = NULL, request_payload = ${STUB("request_payload")} || jsonb_build_object(
       'customer', jsonb_build_object('id', request_payload->'customer'->'id'),
       'orders_requested', request_payload->'orders_requested'), assembled_data = NULL
     WHERE shop_id = $1 AND (customer_shopify_id = ANY($2::bigint[]) OR lower(email) = ANY($3::text[]))`,
    [shopId, customerIds, emails],
  );
  // The S3 snapshots hold copies too: s3-snapshots/redaction.ts rewrites them from this record, which
  // names emails and phone numbers by their SHA-256 only (the database forgets them now).
  await client.query(
    `INSERT INTO snapshot_redactions (shop_id, shop_domain, kind, customer_ids, order_ids, email_sha256, phone_sha256, cart_tokens)
     SELECT id, domain, 'customer', $2::bigint[], $3::bigint[],
       ARRAY(SELECT encode(sha256(convert_to(e, 'UTF8')), 'hex') FROM unnest($4::text[]) e),
       ARRAY(SELECT encode(sha256(convert_to(p, 'UTF8')), 'hex') FROM unnest($5::text[]) p),
       $6::text[]
     FROM shops WHERE id = $1`,
    [
      shopId,
      customerIds,
      [...new Set([...orderIds, ...listedOrders.map(String)])],
      emails,
      phones,
      carts.rows.map((row) => row.token),
    ],
  );
  // The home page's stored figures list recent buyers: recomputed on the next read.
  await client.query(`DELETE FROM dashboard_snapshots WHERE shop_id = $1`, [shopId]);

  // Raw copies: every stored delivery that carried this customer's data, this request included.
  await client.query(
    `UPDATE webhook_events SET payload = jsonb_build_object('redacted', true, 'id', payload->'id'), raw_body = NULL, headers = NULL
     WHERE shop_id = $1 AND (
       id = $2
       OR (topic LIKE 'customers/%' AND payload->>'id' = ANY($3::text[]))
       OR payload->'customer'->>'id' = ANY($3::text[])
       OR (topic LIKE 'orders/%' AND payload->>'id' = ANY($4::text[]))
       OR (topic = 'refunds/create' AND payload->>'order_id' = ANY($4::text[]))
       OR (topic LIKE 'carts/%' AND payload->>'token' = ANY($5::text[]))
       OR ${mentions("payload::text", "$6", "$7")}
       OR ${mentions("raw_body", "$6", "$7")})`,
    [shopId, eventId, customerIds, orderIds, carts.rows.map((row) => row.token), emails, phones],
  );
}

function isText(value: string | null | undefined): value is string {
  return typeof value === "string" && value.length > 0;
}

/** SQL: the text holds one of the emails (any case) or phone numbers. */
function mentions(text: string, emails: string, phones: string): string {
  return `(EXISTS (SELECT 1 FROM unnest(${emails}::text[]) e WHERE strpos(lower(${text}), e) > 0)
    OR EXISTS (SELECT 1 FROM unnest(${phones}::text[]) p WHERE strpos(${text}, p) > 0))`;
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

/**
 * shop/redact: every row of the shop goes, from every table that has a
 * `shop_id` (read from the catalogue, so a table added later is covered), and
 * the queue's jobs naming the shop. The shops row stays, marked, so later
 * deliveries stay erased; so does the event being processed.
 */
export async function eraseShop(client: PoolClient, shopId: string, eventId: string): Promise<void> {
  const { rows: tables } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'shop_id'
       AND table_name NOT IN ('shops', 'webhook_events')`,
  );
  const domain = (await client.query<{ domain: string }>(`SELECT domain FROM shops WHERE id = $1`, [shopId])).rows[0]
    ?.domain;
  const events = await client.query<{ id: string }>(
    `DELETE FROM webhook_events WHERE shop_id = $1 AND id <> $2 RETURNING id::text`,
    [shopId, eventId],
  );
  // Foreign keys cascade from parents to children, so the order does not matter.
  for (const { table_name: table } of tables) {
    await client.query(`DELETE FROM ${pg.escapeIdentifier(table)} WHERE shop_id = $1`, [shopId]);
  }
  await client.query(`DELETE FROM sessions WHERE shop = $1`, [domain]);
  await deleteShopJobs(
    client,
    domain ?? "",
    events.rows.map((row) => row.id),
  );
  await client.query(
    `UPDATE shops SET name = NULL, email = NULL, raw = NULL, scopes = NULL, redacted_at = now(), updated_at = now() WHERE id = $1`,
    [shopId],
  );
  // The shop's S3 snapshots go too (s3-snapshots/redaction.ts deletes its whole prefix).
  await client.query(
    `INSERT INTO snapshot_redactions (shop_id, shop_domain, kind) SELECT id, domain, 'shop' FROM shops WHERE id = $1`,
    [shopId],
  );
}

/** The queue's rows (pg-boss, its own schema) for the shop: its sync jobs and its events' jobs. */
async function deleteShopJobs(client: PoolClient, domain: string, eventIds: string[]): Promise<void> {
  const schema = await client.query<{ exists: boolean }>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`);
  if (!schema.rows[0]?.exists) return;
  await client.query(
    `DELETE FROM pgboss.job WHERE data->>'shopDomain' = $1 OR (data ? 'eventId' AND data->>'eventId' = ANY($2::text[]))`,
    [domain, eventIds],
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
