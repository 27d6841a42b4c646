// Session storage that keeps expiring offline tokens fresh, one refresh at a
// time per shop across every web and worker process.
//
// Shopify's offline tokens live one hour and come with a rotating refresh
// token: a refresh token works once. If two processes refresh the same shop
// at once, the loser holds a dead token. The library refreshes inside
// authenticate/unauthenticated calls with no coordination, so this storage
// refreshes first, under a PostgreSQL advisory lock, whenever it hands out
// an offline session that is near expiry; the library then sees a valid
// token and never races us.
//
// It also repairs a session stored without `expires` while it has a refresh
// token (shopify-app-js#3400: such a session would never be refreshed).
//
// A shop connected by the client credentials grant (`storehouse shops
// connect`) holds a 24-hour token with no refresh token: near expiry it is
// renewed the same way, by asking for a new one with the app's credentials.
import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { HttpResponseError } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { logger } from "~/.server/logger";

export type OfflineTokenRefresher = (shop: string, refreshToken: string) => Promise<Session>;
export type ClientCredentialsRenewer = (shop: string) => Promise<Session>;

export interface OfflineTokenStorageOptions {
  db: PrismaClient;
  refresh: OfflineTokenRefresher;
  /** Renews an expiring token that came without a refresh token (client credentials grant). */
  renew: ClientCredentialsRenewer;
  /** Called when Shopify refuses the refresh token: the shop must re-authenticate. */
  onRefreshRejected: (shop: string, reason: string) => Promise<void>;
  /** Refresh this long before expiry; more than the library's 5 minutes so it never refreshes itself. */
  refreshMarginMs?: number;
  /** Lifetime assumed for a token stored without `expires` (Shopify issues 1-hour tokens). */
  assumedLifetimeMs?: number;
  now?: () => number;
}

const DEFAULT_MARGIN_MS = 10 * 60 * 1000;
const DEFAULT_ASSUMED_LIFETIME_MS = 55 * 60 * 1000;

export class OfflineTokenStorage implements SessionStorage {
  private readonly inFlight = new Map<string, Promise<Session | undefined>>();
  private readonly marginMs: number;
  private readonly assumedLifetimeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: SessionStorage,
    private readonly options: OfflineTokenStorageOptions,
  ) {
    this.marginMs = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
    this.assumedLifetimeMs = options.assumedLifetimeMs ?? DEFAULT_ASSUMED_LIFETIME_MS;
    this.now = options.now ?? Date.now;
  }

  storeSession(session: Session): Promise<boolean> {
    if (!session.isOnline && session.refreshToken && !session.expires) {
      session.expires = new Date(this.now() + this.assumedLifetimeMs);
    }
    return this.inner.storeSession(session);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await this.inner.loadSession(id);
    if (!session || !this.needsRefresh(session)) return session;
    return this.refreshOnce(session);
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  findSessionsByShop(shop: string): Promise<Session[]> {
    return this.inner.findSessionsByShop(shop);
  }

  private needsRefresh(session: Session): boolean {
    if (session.isOnline) return false;
    // A token without expiry and without refresh token (a custom app's) never expires.
    if (!session.refreshToken && !session.expires) return false;
    if (!session.expires) return true;
    return session.expires.getTime() - this.now() < this.marginMs;
  }

  /** One refresh per session id in this process; the advisory lock makes it one across processes. */
  private refreshOnce(session: Session): Promise<Session | undefined> {
    const pending = this.inFlight.get(session.id);
    if (pending) return pending;
    const refreshing = this.refreshUnderLock(session).finally(() => this.inFlight.delete(session.id));
    this.inFlight.set(session.id, refreshing);
    return refreshing;
  }

  private async refreshUnderLock(stale: Session): Promise<Session | undefined> {
    const lockKey = `storehouse:offline-token:${stale.id}`;
    return this.options.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
        // Another process may have refreshed while we waited for the lock.
        const current = await this.inner.loadSession(stale.id);
        if (!current || !this.needsRefresh(current)) return current;
        try {
          const fresh = current.refreshToken
            ? await this.options.refresh(current.shop, current.refreshToken)
            : await this.options.renew(current.shop);
          await this.storeSession(fresh);
          logger.info({ shop: current.shop }, "offline access token refreshed");
          return fresh;
        } catch (error) {
          if (isRefreshRejected(error)) {
            const what = current.refreshToken ? "the refresh token" : "the app's client credentials";
            await this.options.onRefreshRejected(current.shop, `Shopify rejected ${what}`);
            return undefined;
          }
          throw error;
        }
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  }
}

/** Shopify answers a dead refresh token with 400 invalid_grant (or 401). */
function isRefreshRejected(error: unknown): boolean {
  if (!(error instanceof HttpResponseError)) return false;
  return error.response.code === 401 || error.response.code === 400;
}
