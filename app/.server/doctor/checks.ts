// `storehouse doctor`: what breaks stores in practice, each found fault named
// with what to do about it. Checks the database once, then every installed
// shop (or one): its token, scopes, protected customer data, webhook
// subscriptions (asked of Shopify, not of our records), backfill,
// reconciliation, ingestion lag and dead events.
import type { PrismaClient, Shop } from "@prisma/client";
import { costLimiterFor, createAdminRequest, type AdminRequest } from "~/.server/admin-api/admin-client";
import { grantedScopes } from "~/.server/auth/connect-shop";
import { missingScopes } from "~/.server/auth/scopes";
import { pendingMigrations, type Pool } from "~/.server/database";
import { ShopNeedsReauthError, withShopAdmin, type UnauthenticatedAdmin } from "~/.server/shops";
import { getSyncStatus } from "~/.server/sync";
import type { SyncStatus } from "~/.server/sync/status";
import { checkWebhookSubscriptions, desiredWebhookTopics } from "~/.server/sync/webhook-subscriptions";

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

/** What a shop's token looks like in the session table, to say how it is kept valid. */
interface StoredToken {
  expires: Date | null;
  refreshToken: string | null;
}

export interface DoctorDeps {
  db: PrismaClient;
  pool: Pool;
  shopify: UnauthenticatedAdmin;
  /** The scopes the app needs (SCOPES). */
  scopes: readonly string[];
  /** Where the shop's subscriptions should deliver (SHOPIFY_APP_URL + /webhooks). */
  callbackUrl: string;
  reconcileIntervalMinutes: number;
  /** Pending and retrying events older than this are lag worth naming. */
  lagToleranceMs?: number;
  now?: () => Date;
}

const DEFAULT_LAG_TOLERANCE_MS = 5 * 60_000;
const CONNECTIONS_WARNING_SHARE = 0.8;

export async function runDoctor(deps: DoctorDeps, options: { shop?: string } = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [...(await databaseChecks(deps))];
  // The shop checks read the schema: with migrations pending, the first fault is the only one to fix.
  if (!checks[0]!.ok) return { ok: false, checks };
  const shops = options.shop
    ? await deps.db.shop.findMany({ where: { domain: options.shop.toLowerCase() } })
    : await deps.db.shop.findMany({ where: { uninstalledAt: null, redactedAt: null }, orderBy: { domain: "asc" } });
  if (options.shop && shops.length === 0) {
    checks.push({
      name: `${options.shop}: shop`,
      ok: false,
      detail: "not stored: connect it with `storehouse shops connect --shop D` or install the app from its admin",
    });
  }
  for (const shop of shops) checks.push(...(await shopChecks(deps, shop)));
  return { ok: checks.every((check) => check.ok), checks };
}

async function databaseChecks(deps: DoctorDeps): Promise<DoctorCheck[]> {
  const pending = await pendingMigrations(deps.pool);
  const { rows } = await deps.pool.query<{ used: number; max: number }>(
    `SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database()) AS used,
            current_setting('max_connections')::int AS max`,
  );
  const { used, max } = rows[0]!;
  return [
    {
      name: "database: migrations",
      ok: pending.length === 0,
      detail: pending.length
        ? `${pending.length} not applied (${pending.join(", ")}): run \`storehouse db migrate\``
        : "every migration is applied",
    },
    {
      name: "database: connections",
      ok: used < max * CONNECTIONS_WARNING_SHARE,
      detail:
        `${used} of ${max} connections in use` +
        (used < max * CONNECTIONS_WARNING_SHARE ? "" : ": lower DATABASE_POOL_SIZE or run fewer processes"),
    },
  ];
}

async function shopChecks(deps: DoctorDeps, shop: Shop): Promise<DoctorCheck[]> {
  const name = (what: string) => `${shop.domain}: ${what}`;
  if (shop.uninstalledAt || shop.redactedAt) {
    return [{ name: name("installation"), ok: false, detail: "the app is uninstalled: reinstall or reconnect it" }];
  }
  const status = await getSyncStatus(deps.db, shop, { now: deps.now?.() });
  const refused = status?.refusedTopics.map((refusal) => refusal.topic) ?? [];
  const checks: DoctorCheck[] = [];
  const live = await liveChecks(deps, shop, refused);
  checks.push({ name: name("token"), ...live.token });
  checks.push(...live.checks.map((check) => ({ ...check, name: name(check.name) })));

  if (status) {
    const withheld = status.withheldFields?.fields ?? [];
    checks.push({
      name: name("protected customer data"),
      ok: refused.length === 0 && withheld.length === 0,
      detail:
        refused.length || withheld.length
          ? [
              refused.length ? `Shopify refused the topics ${refused.join(", ")}` : "",
              withheld.length ? `Shopify withholds the fields ${withheld.join(", ")}` : "",
            ]
              .filter(Boolean)
              .join("; ") +
            ": request protected customer data access in the Partner Dashboard (the app's API access page), then run `storehouse backfill`"
          : "every protected topic and field is shared",
    });
    const backfill = status.backfill;
    checks.push({
      name: name("backfill"),
      ok: backfill.state === "succeeded" || backfill.state === "running",
      detail:
        backfill.state === "never"
          ? `never ran: run \`storehouse backfill --shop ${shop.domain}\``
          : backfill.state === "running"
            ? `running: ${backfill.written} of ${backfill.expected ?? "?"} objects written`
            : backfill.state === "failed"
              ? `failed (${status.resources.find((resource) => resource.lastError)?.lastError?.message ?? "see the sync page"}): run \`storehouse backfill --shop ${shop.domain}\``
              : `finished ${backfill.finishedAt?.toISOString() ?? ""}`,
    });
  }
  checks.push(await reconciliationCheck(deps, shop, status), ...(await eventChecks(deps, shop)));
  return checks;
}

/** The checks that ask Shopify: the token first, then (with a valid token) scopes and subscriptions. */
async function liveChecks(
  deps: DoctorDeps,
  shop: Shop,
  refusedTopics: string[],
): Promise<{ token: Omit<DoctorCheck, "name">; checks: DoctorCheck[] }> {
  const reconnect = `open the app from the store's admin or run \`storehouse shops connect --shop ${shop.domain}\``;
  if (shop.needsReauthAt) {
    return {
      token: {
        ok: false,
        detail: `needs re-authentication since ${shop.needsReauthAt.toISOString()} (${shop.needsReauthWhy ?? "token refused"}): ${reconnect}`,
      },
      checks: [],
    };
  }
  let checks: DoctorCheck[] = [];
  try {
    // Loading the session renews a token near expiry (offline-token-storage.ts), as the worker would.
    // The first call doubles as the token check: a 401 lands in ShopNeedsReauthError below.
    checks = await withShopAdmin(deps.shopify, deps.db, shop.domain, async (graphql) => {
      const request = createAdminRequest(graphql, costLimiterFor(shop.domain));
      return [
        scopesCheck(deps, await grantedScopes(request)),
        await subscriptionsCheck(deps, shop, request, refusedTopics),
      ];
    });
  } catch (error) {
    if (!(error instanceof ShopNeedsReauthError)) throw error;
    return { token: { ok: false, detail: `${error.message}: ${reconnect}` }, checks: [] };
  }
  return { token: { ok: true, detail: describeToken(await storedToken(deps.db, shop.domain), deps) }, checks };
}

async function storedToken(db: PrismaClient, domain: string): Promise<StoredToken | null> {
  return db.session.findFirst({
    where: { shop: domain, isOnline: false },
    select: { expires: true, refreshToken: true },
  });
}

function describeToken(token: StoredToken | null, deps: DoctorDeps): string {
  if (!token?.expires) return "valid; does not expire (a custom app's token)";
  const hours = Math.max(0, (token.expires.getTime() - (deps.now?.() ?? new Date()).getTime()) / 3_600_000);
  const how = token.refreshToken ? "refreshed" : "renewed with the client credentials";
  return `valid; expires in ${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`}, ${how} automatically`;
}

function scopesCheck(deps: DoctorDeps, granted: string[]): DoctorCheck {
  const missing = missingScopes(deps.scopes, granted);
  return {
    name: "scopes",
    ok: missing.length === 0,
    detail: missing.length
      ? `missing ${missing.join(", ")}: add them to the app's access scopes (Dev Dashboard or shopify.app.toml), have the store accept them, then reconnect`
      : `every needed scope is granted (${deps.scopes.length})`,
  };
}

async function subscriptionsCheck(
  deps: DoctorDeps,
  shop: Shop,
  request: AdminRequest,
  refusedTopics: string[],
): Promise<DoctorCheck> {
  // Topics Shopify refuses for protected customer data are the protected-data check's to report.
  const topics = desiredWebhookTopics().filter((topic) => !refusedTopics.includes(topic));
  const drift = await checkWebhookSubscriptions(request, { callbackUrl: deps.callbackUrl, topics });
  const problems = [
    drift.missing.length ? `missing ${drift.missing.join(", ")}` : "",
    drift.elsewhere.length
      ? `delivering elsewhere ${drift.elsewhere.map((entry) => `${entry.topic} → ${entry.uri}`).join(", ")}`
      : "",
  ].filter(Boolean);
  return {
    name: "webhook subscriptions",
    ok: problems.length === 0,
    detail: problems.length
      ? `${problems.join("; ")}: run \`storehouse reconcile --shop ${shop.domain}\``
      : `all ${topics.length} subscribed at ${deps.callbackUrl}`,
  };
}

async function reconciliationCheck(deps: DoctorDeps, shop: Shop, status: SyncStatus | null): Promise<DoctorCheck> {
  const now = deps.now?.() ?? new Date();
  const name = `${shop.domain}: reconciliation`;
  // A resource whose last failure is newer than its last success, whichever sync it was.
  const failing = status?.resources.filter((resource) => resource.state === "failing") ?? [];
  if (failing.length) {
    return {
      name,
      ok: false,
      detail: `failing for ${failing.map((resource) => resource.resource).join(", ")} (${failing[0]!.lastError?.message ?? "no message"}): fix the cause, then run \`storehouse reconcile --shop ${shop.domain}\``,
    };
  }
  const [last] = await deps.db.$queryRaw<{ at: Date | null }[]>`
    SELECT max(finished_at) AS at FROM sync_runs
    WHERE shop_id = ${shop.id} AND kind = 'reconcile' AND status = 'succeeded'`;
  const dueMs = 2 * deps.reconcileIntervalMinutes * 60_000;
  if (!last?.at) {
    const installedAgo = now.getTime() - (shop.installedAt?.getTime() ?? now.getTime());
    return installedAgo > dueMs
      ? { name, ok: false, detail: "never ran since the install: start the worker (`npm run worker`)" }
      : { name, ok: true, detail: "not due yet (the shop was installed recently)" };
  }
  const agoMinutes = Math.round((now.getTime() - last.at.getTime()) / 60_000);
  return agoMinutes * 60_000 > dueMs
    ? {
        name,
        ok: false,
        detail: `last succeeded ${agoMinutes} min ago, due every ${deps.reconcileIntervalMinutes}: is the worker running (\`npm run worker\`)?`,
      }
    : { name, ok: true, detail: `last succeeded ${agoMinutes} min ago` };
}

async function eventChecks(deps: DoctorDeps, shop: Shop): Promise<DoctorCheck[]> {
  const now = deps.now?.() ?? new Date();
  const tolerance = deps.lagToleranceMs ?? DEFAULT_LAG_TOLERANCE_MS;
  const [waiting] = await deps.db.$queryRaw<{ n: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS n, min(received_at) AS oldest FROM webhook_events
    WHERE shop_id = ${shop.id} AND status IN ('pending', 'failed')`;
  const [dead] = await deps.db.$queryRaw<{ n: number; topic: string | null; error: string | null }[]>`
    SELECT count(*)::int AS n, (array_agg(topic ORDER BY id DESC))[1] AS topic,
           (array_agg(last_error ORDER BY id DESC))[1] AS error
    FROM webhook_events WHERE shop_id = ${shop.id} AND status = 'dead'`;
  const lagMs = waiting?.oldest ? now.getTime() - waiting.oldest.getTime() : 0;
  return [
    {
      name: `${shop.domain}: ingestion lag`,
      ok: lagMs <= tolerance,
      detail: waiting?.n
        ? `${waiting.n} event(s) waiting, the oldest received ${Math.round(lagMs / 1000)} s ago` +
          (lagMs <= tolerance ? "" : ": is the worker running (`npm run worker`)?")
        : "no event is waiting",
    },
    {
      name: `${shop.domain}: dead events`,
      ok: !dead?.n,
      detail: dead?.n
        ? `${dead.n} event(s) gave up (latest: ${dead.topic}, ${dead.error ?? "no message"}): fix the cause, then run \`storehouse events replay --shop ${shop.domain} --status dead\``
        : "none",
    },
  ];
}
