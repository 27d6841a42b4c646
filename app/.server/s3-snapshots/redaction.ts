// Compliance reaches the snapshots. customers/redact and shop/redact record
// a request (store/compliance.ts) in the transaction that erases the
// database rows; here each pending request is carried out on every retained
// snapshot: a customer's rows are rewritten in the Parquet files that hold
// them, with the same rules as the database (ids, money and dates stay), the
// manifest updated and marked; a shop's whole prefix is deleted. The request
// keeps its identifiers only until then, and records which snapshots changed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PgBoss } from "pg-boss";
import type { Pool } from "~/.server/database/pool";
import { enqueueSnapshotRedaction } from "~/.server/jobs";
import type { Bucket } from "./bucket";
import { listSnapshots } from "./catalogue";
import type { Manifest } from "./create";
import { literal, ParquetFiles, WHOLE_SNAPSHOT_MEMORY } from "./parquet";
import { withShopLock } from "./shop-lock";

interface RedactionRequest {
  id: string;
  shop_id: string;
  shop_domain: string;
  kind: "customer" | "shop";
  customer_ids: string[] | null;
  order_ids: string[] | null;
  email_sha256: string[] | null;
  phone_sha256: string[] | null;
  cart_tokens: string[] | null;
}

interface Identifiers {
  customerIds: string[];
  orderIds: string[];
  /** SHA-256 (hex) of each lower-cased email and of each phone number. */
  emailHashes: string[];
  phoneHashes: string[];
  cartTokens: string[];
}

export interface RedactionRound {
  completed: number;
  busy: number;
  failed: number;
}

/** Carries out the pending requests; a shop whose snapshot is being taken is left for the next round. */
export async function processSnapshotRedactions(pool: Pool, bucket: Bucket | null): Promise<RedactionRound> {
  const { rows } = await pool.query<RedactionRequest>(
    `SELECT id::text, shop_id::text, shop_domain, kind, customer_ids::text[], order_ids::text[], email_sha256, phone_sha256, cart_tokens
     FROM snapshot_redactions WHERE completed_at IS NULL ORDER BY id LIMIT 100`,
  );
  const round: RedactionRound = { completed: 0, busy: 0, failed: 0 };
  for (const request of rows) {
    try {
      if (!bucket) {
        // Snapshots are off: there is no copy to reach.
        await complete(pool, request.id, [], 0);
        round.completed += 1;
        continue;
      }
      const result = await withShopLock(pool, request.shop_id, () => carryOut(bucket, request));
      if (result.busy) {
        round.busy += 1;
        continue;
      }
      await complete(pool, request.id, result.value.rewritten, result.value.checked);
      round.completed += 1;
    } catch (error) {
      round.failed += 1;
      await pool.query(`UPDATE snapshot_redactions SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
        request.id,
        error instanceof Error ? error.message.slice(0, 500) : String(error),
      ]);
    }
  }
  return round;
}

/**
 * The data-change subscriber: a shop whose events were just applied may have had a compliance
 * request among them; a round is queued at once (the scheduler's minute is the fallback).
 */
export function snapshotRedactionsFollowDataChanges(pool: Pool, queue: PgBoss) {
  return async (shopDomain: string): Promise<void> => {
    const { rows } = await pool.query(
      `SELECT 1 FROM snapshot_redactions WHERE completed_at IS NULL AND shop_domain = $1 LIMIT 1`,
      [shopDomain],
    );
    if (rows.length > 0) await enqueueSnapshotRedaction(queue);
  };
}

/** Whether requests wait (the scheduler queues a round only then). */
export async function hasPendingRedactions(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM snapshot_redactions WHERE completed_at IS NULL LIMIT 1`);
  return rows.length > 0;
}

async function complete(pool: Pool, id: string, rewritten: string[], checked: number): Promise<void> {
  // The identifiers were only needed to find the rows: what stays is the request and its outcome.
  await pool.query(
    `UPDATE snapshot_redactions SET completed_at = now(), snapshots_rewritten = $2::text[], snapshots_checked = $3,
       email_sha256 = NULL, phone_sha256 = NULL, cart_tokens = NULL, order_ids = NULL, last_error = NULL
     WHERE id = $1`,
    [id, rewritten, checked],
  );
}

async function carryOut(bucket: Bucket, request: RedactionRequest): Promise<{ rewritten: string[]; checked: number }> {
  if (request.kind === "shop") {
    const deleted = await bucket.deletePrefix(bucket.shopPrefix(request.shop_domain));
    return { rewritten: deleted > 0 ? ["all"] : [], checked: deleted };
  }
  const identifiers: Identifiers = {
    customerIds: request.customer_ids ?? [],
    orderIds: request.order_ids ?? [],
    emailHashes: (request.email_sha256 ?? []).filter(isHash),
    phoneHashes: (request.phone_sha256 ?? []).filter(isHash),
    cartTokens: request.cart_tokens ?? [],
  };
  const manifests = await listSnapshots(bucket, request.shop_domain);
  const rewritten: string[] = [];
  for (const manifest of manifests) {
    if (await redactSnapshot(bucket, manifest, identifiers, request.id)) rewritten.push(manifest.id);
  }
  return { rewritten, checked: manifests.length };
}

/** Rewrites the snapshot's files that hold the customer's rows; true when any did. */
async function redactSnapshot(
  bucket: Bucket,
  manifest: Manifest,
  identifiers: Identifiers,
  requestId: string,
): Promise<boolean> {
  const workDir = await mkdtemp(join(tmpdir(), "storehouse-redact-"));
  const parquet = await ParquetFiles.open(WHOLE_SNAPSHOT_MEMORY);
  try {
    const local = new Map<string, string>();
    for (const table of Object.keys(RULES)) {
      for (const [index, file] of (manifest.tables[table]?.files ?? []).entries()) {
        const path = join(workDir, `${table}-${index}.parquet`);
        await bucket.download(file.key, path);
        local.set(file.key, path);
      }
      const paths = (manifest.tables[table]?.files ?? []).map((file) => literal(local.get(file.key)!));
      await parquet.run(
        paths.length > 0
          ? `CREATE VIEW ${table} AS SELECT * FROM read_parquet([${paths.join(", ")}])`
          : `CREATE VIEW ${table} AS SELECT NULL::BIGINT AS id, NULL::BIGINT AS shopify_id WHERE false`,
      );
    }
    // Which of the snapshot's rows are the customer's: the database's rules, applied to the copy.
    await parquet.run(
      `CREATE TABLE matched_orders AS SELECT id, shopify_id FROM orders
       WHERE shopify_id IN ${numbers(identifiers.orderIds)} OR customer_shopify_id IN ${numbers(identifiers.customerIds)}
         OR sha256(lower(email)) IN ${texts(identifiers.emailHashes)}`,
    );
    await parquet.run(
      `CREATE TABLE matched_refunds AS SELECT id, shopify_id FROM refunds
       WHERE order_id IN (SELECT id FROM matched_orders) OR order_shopify_id IN (SELECT shopify_id FROM matched_orders)`,
    );
    const where = matchers(identifiers);
    let changed = 0;
    for (const [table, rule] of Object.entries(RULES)) {
      for (const file of manifest.tables[table]?.files ?? []) {
        const path = local.get(file.key)!;
        const source = `read_parquet(${literal(path)})`;
        const [hit] = await parquet.rows(`SELECT count(*)::INTEGER AS n FROM ${source} WHERE ${where[table]}`);
        if (!hit || Number(hit.n) === 0) continue;
        const columns = new Set(
          (await parquet.rows(`DESCRIBE SELECT * FROM ${source}`)).map((row) => row.column_name as string),
        );
        const replaced = Object.entries(rule)
          .filter(([column]) => columns.has(column))
          .map(([column, value]) => `CASE WHEN ${where[table]} THEN ${value} ELSE "${column}" END AS "${column}"`);
        const rewrittenPath = `${path}.redacted`;
        await parquet.writeParquet(`SELECT * REPLACE (${replaced.join(", ")}) FROM ${source}`, rewrittenPath);
        const stored = await bucket.uploadFile(file.key, rewrittenPath, "application/vnd.apache.parquet");
        file.bytes = stored.bytes;
        file.sha256 = stored.sha256;
        changed += 1;
      }
    }
    if (changed === 0) return false;
    manifest.redactions = [
      ...(manifest.redactions ?? []),
      { request: requestId, at: new Date().toISOString(), files: changed },
    ];
    await bucket.putJson(`${bucket.snapshotPrefix(manifest.shop, manifest.id)}manifest.json`, manifest);
    return true;
  } finally {
    parquet.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

const STUB = `json_object('id', json_extract("raw", '$.id'), 'redacted', true)::VARCHAR`;

/** What each table's matched rows become: the same columns store/compliance.ts clears in the database. */
const RULES: Record<string, Record<string, string>> = {
  customers: {
    email: "NULL",
    first_name: "NULL",
    last_name: "NULL",
    phone: "NULL",
    note: "NULL",
    default_address: "NULL",
    addresses: "'[]'",
    email_marketing_consent: "NULL",
    sms_marketing_consent: "NULL",
    raw: STUB,
  },
  orders: {
    email: "NULL",
    phone: "NULL",
    billing_address: "NULL",
    shipping_address: "NULL",
    note: "NULL",
    note_attributes: "NULL",
    raw: STUB,
  },
  order_line_items: { properties: "NULL", raw: STUB },
  refunds: { note: "NULL", transactions: "NULL", raw: STUB },
  refund_line_items: { raw: STUB },
  carts: { note: "NULL", line_items: "NULL", raw: `json_object('token', "token", 'redacted', true)::VARCHAR` },
};

// Emails and phone numbers anywhere in a JSON copy, each hashed to compare with the request's hashes.
const EMAILS_IN = (text: string) => `regexp_extract_all(lower(coalesce(${text}, '')), '[a-z0-9._%+-]+@[a-z0-9.-]+')`;
const PHONES_IN = (text: string) => `regexp_extract_all(coalesce(${text}, ''), '\\+?[0-9]{6,15}')`;

function matchers(identifiers: Identifiers): Record<string, string> {
  const hashes = (list: string, known: string[]) =>
    `list_has_any(list_transform(${list}, x -> sha256(x)), ${textList(known)})`;
  return {
    customers: `(shopify_id IN ${numbers(identifiers.customerIds)} OR sha256(lower(email)) IN ${texts(identifiers.emailHashes)})`,
    orders: `(id IN (SELECT id FROM matched_orders))`,
    order_line_items: `(order_id IN (SELECT id FROM matched_orders) OR order_shopify_id IN (SELECT shopify_id FROM matched_orders))`,
    refunds: `(id IN (SELECT id FROM matched_refunds))`,
    refund_line_items: `(refund_id IN (SELECT id FROM matched_refunds) OR refund_shopify_id IN (SELECT shopify_id FROM matched_refunds))`,
    carts: `(json_extract_string("raw", '$.customer.id') IN ${texts(identifiers.customerIds)} OR token IN ${texts(identifiers.cartTokens)}
      OR ${hashes(EMAILS_IN('"raw"'), identifiers.emailHashes)} OR ${hashes(PHONES_IN('"raw"'), identifiers.phoneHashes)})`,
  };
}

function isHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

function textList(values: string[]): string {
  return `[${values.map(literal).join(", ")}]::VARCHAR[]`;
}

function numbers(values: string[]): string {
  const valid = values.filter((value) => /^\d{1,19}$/.test(value));
  return valid.length > 0 ? `(${valid.join(", ")})` : "(NULL)";
}

function texts(values: string[]): string {
  return values.length > 0 ? `(${values.map(literal).join(", ")})` : "(NULL)";
}
