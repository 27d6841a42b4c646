// `storehouse shops connect`: a store joins without anyone opening the app in
// its admin. Two ways in, both for stores the operator's organisation owns:
// - the client credentials grant: a Dev Dashboard app installed on the store
//   trades its client id and secret for a 24-hour token, renewed by the
//   session storage before it expires (offline-token-storage.ts);
// - an access token of a custom app created in the store's admin, which does
//   not expire.
// Then, as the install hook does: the shop's profile is recorded, its webhook
// subscriptions registered; the caller starts the backfill.
import type { PrismaClient, Shop } from "@prisma/client";
import { HttpResponseError, Session } from "@shopify/shopify-api";
import { costLimiterFor, createAdminRequest, type AdminRequest } from "~/.server/admin-api/admin-client";
import { ACCESS_SCOPES_QUERY } from "~/.server/admin-api/documents/shop";
import { fetchShopProfile } from "~/.server/admin-api/shop-profile";
import { WEBHOOK_PATH } from "~/.server/shopify/constants";
import {
  isUnauthorizedError,
  recordInstallation,
  ShopNeedsReauthError,
  withShopAdmin,
  type UnauthenticatedAdmin,
} from "~/.server/shops";
import { registerWebhooks } from "~/.server/sync/register-webhooks";
import { removeWebhookSubscriptions, type SubscriptionChanges } from "~/.server/sync/webhook-subscriptions";
import type { AppAccessScopesQuery } from "~/types/admin.generated";
import { missingScopes, parseScopes } from "./scopes";
import { createGrantsApi, type ShopifyApp, type ShopifyAppSettings } from "./shopify-app";

export type ShopCredentials = { clientId: string; clientSecret: string } | { accessToken: string };

export interface ConnectedShop {
  shop: Shop;
  method: "client_credentials" | "access_token";
  scopes: string[];
  missingScopes: string[];
  /** Undefined when registration failed (recorded; reconciliation retries it). */
  subscriptions: SubscriptionChanges | undefined;
}

/** Connection refused, with what to do about it. */
export class ConnectError extends Error {
  override name = "ConnectError";
}

export async function connectShop(
  app: Pick<ShopifyApp, "sessionStorage" | "unauthenticated">,
  settings: ShopifyAppSettings,
  db: PrismaClient,
  domain: string,
  credentials: ShopCredentials,
): Promise<ConnectedShop> {
  const grants = createGrantsApi(settings);
  const shopDomain = grants.utils.sanitizeShop(domain);
  if (!shopDomain) throw new ConnectError(`${domain} is not a shop domain (expected <name>.myshopify.com)`);

  const session =
    "accessToken" in credentials
      ? new Session({
          id: grants.session.getOfflineId(shopDomain),
          shop: shopDomain,
          state: "",
          isOnline: false,
          accessToken: credentials.accessToken,
        })
      : await clientCredentialsSession(grants, settings, shopDomain, credentials);
  // A refused token must not replace one that works: the shop's current session is put back.
  const previous = await app.sessionStorage!.loadSession(session.id).catch(() => undefined);
  await app.sessionStorage!.storeSession(session);

  try {
    const { admin } = await app.unauthenticated.admin(shopDomain);
    const profile = await fetchShopProfile(admin.graphql);
    const scopes = session.scope
      ? parseScopes(session.scope)
      : await grantedScopes(createAdminRequest(admin.graphql, costLimiterFor(shopDomain)));
    if (session.scope !== scopes.join(",")) {
      session.scope = scopes.join(",");
      await app.sessionStorage!.storeSession(session);
    }
    const shop = await recordInstallation(db, { domain: shopDomain, scopes: scopes.join(","), profile });
    const callbackUrl = new URL(WEBHOOK_PATH, settings.appUrl).href;
    const subscriptions = await registerWebhooks(db, shop.id, shopDomain, admin.graphql, callbackUrl);
    return {
      shop,
      method: "accessToken" in credentials ? "access_token" : "client_credentials",
      scopes,
      missingScopes: missingScopes(settings.scopes, scopes),
      subscriptions,
    };
  } catch (error) {
    if (isUnauthorizedError(error)) {
      if (previous) await app.sessionStorage!.storeSession(previous);
      else await app.sessionStorage!.deleteSession(session.id);
      throw new ConnectError(`Shopify refused the access token for ${shopDomain} (401): check the token and the store`);
    }
    throw error;
  }
}

async function clientCredentialsSession(
  grants: ReturnType<typeof createGrantsApi>,
  settings: ShopifyAppSettings,
  shopDomain: string,
  credentials: { clientId: string; clientSecret: string },
): Promise<Session> {
  // Shopify signs the shop's webhooks with this app's secret, and the web process verifies them with
  // SHOPIFY_API_SECRET; with other credentials every webhook would be refused, so refuse here instead.
  if (credentials.clientId !== settings.apiKey || credentials.clientSecret !== settings.apiSecretKey) {
    throw new ConnectError(
      "the client id and secret are not this deployment's app (SHOPIFY_API_KEY/SHOPIFY_API_SECRET): " +
        "set those to the Dev Dashboard app's credentials, since its webhooks are signed with its secret",
    );
  }
  try {
    return (await grants.auth.clientCredentials({ shop: shopDomain })).session;
  } catch (error) {
    if (error instanceof HttpResponseError) {
      const body = error.response.body as { error_description?: string; error?: string } | undefined;
      throw new ConnectError(
        `Shopify refused the client credentials grant for ${shopDomain} (${error.response.code}: ` +
          `${body?.error_description ?? body?.error ?? error.message}): install the app on the store from the Dev Dashboard first`,
      );
    }
    throw error;
  }
}

/** The scopes the shop granted, asked of Shopify (a custom app's token does not say). */
export async function grantedScopes(request: AdminRequest): Promise<string[]> {
  const data = await request<AppAccessScopesQuery>(ACCESS_SCOPES_QUERY);
  return data.currentAppInstallation.accessScopes.map((scope) => scope.handle);
}

/**
 * `storehouse shops disconnect`: the shop's webhook subscriptions are deleted
 * at Shopify (while the token still works), its sessions dropped and the shop
 * marked uninstalled. Its data stays, as after an uninstall, until shop/redact.
 * The app itself stays installed on the store: only its admin can remove it.
 */
export async function disconnectShop(
  app: UnauthenticatedAdmin,
  db: PrismaClient,
  domain: string,
): Promise<{ removedSubscriptions: string[] | null }> {
  let removedSubscriptions: string[] | null = null;
  try {
    removedSubscriptions = await withShopAdmin(app, db, domain, (graphql) =>
      removeWebhookSubscriptions(createAdminRequest(graphql, costLimiterFor(domain))),
    );
  } catch (error) {
    // Without a valid token Shopify cannot be asked; the subscriptions die with the app's access.
    if (!(error instanceof ShopNeedsReauthError)) throw error;
  }
  await db.$transaction([
    db.session.deleteMany({ where: { shop: domain } }),
    db.shop.update({ where: { domain }, data: { uninstalledAt: new Date() } }),
  ]);
  return { removedSubscriptions };
}
