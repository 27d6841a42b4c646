// What the dashboard shows about a shop's sync: per resource whether it is
// running, when it last succeeded, its last error, how many rows it holds and
// what reconciliation had to repair; the first backfill's progress; and the
// notices a merchant should read (the 60-day order window without
// read_all_orders, a needed re-authentication). Always scoped to one shop.
import type { PrismaClient, Shop } from "@prisma/client";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { enqueueShopBackfill, enqueueShopReconcile } from "~/.server/jobs";
import { BACKFILL_RESOURCES } from "./backfill";
import { withheldRecord } from "./withheld-fields";

export const SYNC_RESOURCES = [...Object.keys(BACKFILL_RESOURCES), "webhook_subscriptions"] as const;

/** The table each resource's row count comes from. */
const RESOURCE_TABLES: Record<string, string> = {
  locations: "locations",
  products: "products",
  inventory: "inventory_items",
  customers: "customers",
  orders: "orders",
};

export type ResourceState = "never" | "running" | "idle" | "failing";

export interface SyncRunSummary {
  kind: string;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowsWritten: number;
  rowsRepaired: number;
  note: string | null;
}

export interface ResourceSyncStatus {
  resource: string;
  state: ResourceState;
  lastSuccessAt: Date | null;
  lastError: { message: string; at: Date | null } | null;
  /** Live rows stored (subscriptions: none, they live at Shopify). */
  rows: number | null;
  lastRun: SyncRunSummary | null;
  /** Objects reconciliation found missing or stale in the last 24 hours. */
  repairedLast24h: number;
}

export interface SyncStatus {
  backfill: {
    state: "never" | "running" | "succeeded" | "failed";
    startedAt: Date | null;
    finishedAt: Date | null;
    /** Objects written so far, against what Shopify counted (known once each operation finishes). */
    written: number;
    expected: number | null;
  };
  resources: ResourceSyncStatus[];
  needsReauth: { since: Date; reason: string | null } | null;
  /** Webhook topics Shopify refused at the last registration pass, with its message and what to do about it. */
  refusedTopics: { topic: string; message: string; at: string; action: string }[];
  /** Protected customer fields Shopify withholds from the app, or null when it shares them all. */
  withheldFields: { fields: string[]; message: string; at: string; action: string } | null;
  notices: string[];
}

export const PROTECTED_DATA_ACTION =
  "Request access to protected customer data in the Partner Dashboard (the app's API access page, " +
  '"Protected customer data access"). Storehouse subscribes these topics at the next reconciliation once Shopify ' +
  "approves; until then, reconciliation picks up their changes on its schedule instead of in real time.";
export const WITHHELD_FIELDS_ACTION =
  "Customers and orders are stored without these fields (figures and ids are complete). To store them, request " +
  'access to these protected customer fields in the Partner Dashboard ("Protected customer data access" on the ' +
  "app's API access page), then run a full backfill once Shopify approves.";
export const RETRY_ACTION = "Storehouse tries again at every reconciliation; use Reconcile now to retry at once.";

const refusedTopic = z.object({ topic: z.string(), message: z.string(), at: z.string() });

export const SIXTY_DAY_NOTICE =
  "Storehouse has orders from the last 60 days only: Shopify shares older orders with apps that hold the read_all_orders scope. Grant it to load the full history.";

interface RunRow {
  resource: string;
  kind: string;
  status: string;
  error: string | null;
  note: string | null;
  rows_written: bigint;
  rows_repaired: bigint;
  object_count: bigint | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface SyncStatusOptions {
  now?: Date;
  /** Live rows per table the caller already counted (the home page's overview), so they are not counted twice. */
  tableCounts?: Partial<Record<string, number>>;
}

/** The shop's sync status; give the shop's row when the request has read it already, or its domain. */
export async function getSyncStatus(
  db: PrismaClient,
  shopOrDomain: Shop | string,
  { now = new Date(), tableCounts = {} }: SyncStatusOptions = {},
): Promise<SyncStatus | null> {
  const shop =
    typeof shopOrDomain === "string" ? await db.shop.findUnique({ where: { domain: shopOrDomain } }) : shopOrDomain;
  if (!shop) return null;
  const shopId = shop.id;
  // The latest run of each resource and kind, the latest success and failure of each resource.
  const [latest, lastSuccess, lastFailure, repaired, counts] = await Promise.all([
    db.$queryRaw<RunRow[]>`
      SELECT DISTINCT ON (resource, kind) resource, kind, status, error, note, rows_written, rows_repaired, object_count, started_at, finished_at
      FROM sync_runs WHERE shop_id = ${shopId} ORDER BY resource, kind, id DESC`,
    db.$queryRaw<{ resource: string; at: Date }[]>`
      SELECT resource, max(finished_at) AS at FROM sync_runs
      WHERE shop_id = ${shopId} AND status = 'succeeded' GROUP BY resource`,
    db.$queryRaw<{ resource: string; error: string | null; at: Date | null }[]>`
      SELECT DISTINCT ON (resource) resource, error, finished_at AS at FROM sync_runs
      WHERE shop_id = ${shopId} AND status = 'failed' ORDER BY resource, id DESC`,
    db.$queryRaw<{ resource: string; n: bigint }[]>`
      SELECT resource, sum(rows_repaired)::bigint AS n FROM sync_runs
      WHERE shop_id = ${shopId} AND kind = 'reconcile' AND started_at > ${new Date(now.getTime() - 86_400_000)}
      GROUP BY resource`,
    rowCounts(db, shopId, tableCounts),
  ]);

  const resources = SYNC_RESOURCES.map((resource): ResourceSyncStatus => {
    const runs = latest.filter((run) => run.resource === resource);
    const newest = runs.sort((a, b) => (b.started_at?.getTime() ?? 0) - (a.started_at?.getTime() ?? 0))[0];
    const success = lastSuccess.find((row) => row.resource === resource)?.at ?? null;
    const failure = lastFailure.find((row) => row.resource === resource);
    const failingNow = !!failure?.at && (!success || failure.at > success);
    const state: ResourceState = runs.some((run) => run.status === "running")
      ? "running"
      : !newest
        ? "never"
        : failingNow
          ? "failing"
          : "idle";
    return {
      resource,
      state,
      lastSuccessAt: success,
      lastError: failure ? { message: failure.error ?? "failed", at: failure.at } : null,
      rows: counts[resource] ?? null,
      lastRun: newest ? summary(newest) : null,
      repairedLast24h: Number(repaired.find((row) => row.resource === resource)?.n ?? 0),
    };
  });

  const backfillRuns = latest.filter((run) => run.kind === "backfill");
  const backfillState = !backfillRuns.length
    ? "never"
    : backfillRuns.some((run) => run.status === "running")
      ? "running"
      : backfillRuns.some((run) => run.status === "failed")
        ? "failed"
        : "succeeded";
  const expected = backfillRuns.every((run) => run.object_count !== null)
    ? backfillRuns.reduce((sum, run) => sum + Number(run.object_count), 0)
    : null;

  const notices: string[] = [];
  const scopes = (shop.scopes ?? "").split(",").map((scope) => scope.trim());
  if (shop.scopes !== null && !scopes.includes("read_all_orders")) notices.push(SIXTY_DAY_NOTICE);
  if (shop.needsReauthAt) {
    notices.push(
      "Shopify no longer accepts this shop's access token: open Storehouse from the admin to resume syncing.",
    );
  }

  return {
    backfill: {
      state: backfillState,
      startedAt: minDate(backfillRuns.map((run) => run.started_at)),
      finishedAt: backfillState === "running" ? null : maxDate(backfillRuns.map((run) => run.finished_at)),
      written: backfillRuns.reduce((sum, run) => sum + Number(run.rows_written), 0),
      expected,
    },
    resources,
    needsReauth: shop.needsReauthAt ? { since: shop.needsReauthAt, reason: shop.needsReauthWhy } : null,
    refusedTopics: z
      .array(refusedTopic)
      .catch([])
      .parse(shop.refusedWebhookTopics ?? [])
      .map((refusal) => ({
        ...refusal,
        action: /protected customer data/i.test(refusal.message) ? PROTECTED_DATA_ACTION : RETRY_ACTION,
      })),
    withheldFields: withheldFieldsOf(shop.withheldCustomerFields),
    notices,
  };
}

function withheldFieldsOf(stored: unknown): SyncStatus["withheldFields"] {
  const parsed = withheldRecord.safeParse(stored);
  if (!parsed.success || parsed.data.fields.length === 0) return null;
  return { ...parsed.data, action: WITHHELD_FIELDS_ACTION };
}

async function rowCounts(
  db: PrismaClient,
  shopId: bigint,
  known: Partial<Record<string, number>>,
): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(RESOURCE_TABLES).map(async ([resource, table]) => {
      const counted = known[table];
      if (counted !== undefined) return [resource, counted] as const;
      // Table names come from the constant map above, never from input.
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM ${table} WHERE shop_id = $1 AND deleted_at IS NULL`,
        shopId,
      );
      return [resource, Number(rows[0]!.n)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function summary(run: RunRow): SyncRunSummary {
  return {
    kind: run.kind,
    status: run.status,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    rowsWritten: Number(run.rows_written),
    rowsRepaired: Number(run.rows_repaired),
    note: run.note,
  };
}

const minDate = (dates: (Date | null)[]) =>
  dates.reduce<Date | null>((min, date) => (date && (!min || date < min) ? date : min), null);
const maxDate = (dates: (Date | null)[]) =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);

/** The resync form both the sync page and the sync API take. */
export const resyncRequest = z.object({ intent: z.enum(["backfill", "reconcile"]) });

/** The dashboard's "resync": a full backfill (every resource again) or a reconciliation now. */
export async function requestResync(boss: PgBoss, shopDomain: string, kind: "backfill" | "reconcile"): Promise<void> {
  if (kind === "backfill") await enqueueShopBackfill(boss, shopDomain);
  else await enqueueShopReconcile(boss, shopDomain);
}
