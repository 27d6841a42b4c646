// A minimal local stand-in for the two Shopify endpoints the foundation
// talks to, answering as Shopify documents them:
// - POST /admin/oauth/access_token: token exchange (the session token's
//   signature is checked with the app secret) and the refresh-token grant
//   (refresh tokens rotate; a used one is refused with 400 invalid_grant).
// - POST /admin/api/{version}/graphql.json: the `shop` query, 401 for an
//   unknown token.
// The full simulator (issue #3) replaces this for everything else.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInShop {
  domain: string;
  shopifyId: string;
  name: string;
  currency: string;
  timezone: string;
  plan: string;
}

export interface StandInOptions {
  apiKey: string;
  apiSecret: string;
  shops: StandInShop[];
  accessTokenLifetimeSeconds?: number;
  /** Delay before answering a refresh grant, to widen race windows in tests. */
  refreshDelayMs?: number;
}

interface IssuedToken {
  shop: string;
  expiresAt: number;
}

export interface ShopifyStandIn {
  url: string;
  tokenExchanges: number;
  refreshGrants: number;
  refusedRefreshGrants: number;
  graphqlCalls: { shop: string; query: string }[];
  /** Issues an expiring offline token pair directly, as after an earlier install. */
  issueTokens(shop: string): { accessToken: string; refreshToken: string };
  revokeAll(shop: string): void;
  close(): Promise<void>;
}

function verifySessionToken(token: string, secret: string, apiKey: string): { dest: string } | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { dest: string; aud: string; exp: number };
  if (claims.aud !== apiKey || claims.exp * 1000 < Date.now()) return null;
  return claims;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

export async function startShopifyStandIn(options: StandInOptions): Promise<ShopifyStandIn> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const accessTokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, string>(); // refresh token -> shop
  const shops = new Map(options.shops.map((shop) => [shop.domain, shop]));

  const issue = (shop: string) => {
    const accessToken = `shpat_${randomBytes(12).toString("hex")}`;
    const refreshToken = `shprt_${randomBytes(12).toString("hex")}`;
    accessTokens.set(accessToken, { shop, expiresAt: Date.now() + lifetime * 1000 });
    refreshTokens.set(refreshToken, shop);
    return { accessToken, refreshToken };
  };

  const tokenResponse = (shop: string) => {
    const { accessToken, refreshToken } = issue(shop);
    return {
      access_token: accessToken,
      scope: "read_products,read_inventory,read_locations,read_customers,read_orders,read_all_orders",
      expires_in: lifetime,
      refresh_token: refreshToken,
      refresh_token_expires_in: 90 * 24 * 3600,
    };
  };

  const state: ShopifyStandIn = {
    url: "",
    tokenExchanges: 0,
    refreshGrants: 0,
    refusedRefreshGrants: 0,
    graphqlCalls: [],
    issueTokens: issue,
    revokeAll(shop) {
      for (const [token, issued] of accessTokens) if (issued.shop === shop) accessTokens.delete(token);
      for (const [token, owner] of refreshTokens) if (owner === shop) refreshTokens.delete(token);
    },
    close: async () => {},
  };

  const server: Server = createServer(async (request, response) => {
    const shop = String(request.headers["x-forwarded-host"] ?? "");
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const body = await readBody(request);

    if (request.method === "POST" && request.url === "/admin/oauth/access_token") {
      const params = JSON.parse(body) as Record<string, string>;
      if (params.client_id !== options.apiKey || params.client_secret !== options.apiSecret) {
        return reply(401, { error: "invalid_client" });
      }
      if (params.grant_type === "urn:ietf:params:oauth:grant-type:token-exchange") {
        const claims = verifySessionToken(params.subject_token ?? "", options.apiSecret, options.apiKey);
        if (!claims || new URL(claims.dest).host !== shop) return reply(400, { error: "invalid_subject_token" });
        state.tokenExchanges += 1;
        return reply(200, tokenResponse(shop));
      }
      if (params.grant_type === "refresh_token") {
        if (options.refreshDelayMs) await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs));
        const owner = refreshTokens.get(params.refresh_token ?? "");
        if (owner !== shop) {
          state.refusedRefreshGrants += 1;
          return reply(400, { error: "invalid_grant", error_description: "refresh token is invalid or was used" });
        }
        refreshTokens.delete(params.refresh_token!);
        state.refreshGrants += 1;
        return reply(200, tokenResponse(shop));
      }
      return reply(400, { error: "unsupported_grant_type" });
    }

    const graphql = /^\/admin\/api\/[\w-]+\/graphql\.json$/.exec(request.url ?? "");
    if (request.method === "POST" && graphql) {
      const token = accessTokens.get(String(request.headers["x-shopify-access-token"] ?? ""));
      if (!token || token.shop !== shop || token.expiresAt < Date.now()) {
        return reply(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
      }
      const { query } = JSON.parse(body) as { query: string };
      state.graphqlCalls.push({ shop, query });
      const profile = shops.get(shop)!;
      if (/\bshop\s*\{/.test(query)) {
        return reply(200, {
          data: {
            shop: {
              id: `gid://shopify/Shop/${profile.shopifyId}`,
              name: profile.name,
              email: `owner@${profile.domain}`,
              myshopifyDomain: profile.domain,
              currencyCode: profile.currency,
              ianaTimezone: profile.timezone,
              plan: { publicDisplayName: profile.plan, partnerDevelopment: false, shopifyPlus: false },
            },
          },
          extensions: { cost: { requestedQueryCost: 1, actualQueryCost: 1 } },
        });
      }
      return reply(200, { errors: [{ message: "The stand-in only answers the shop query" }] });
    }
    reply(404, { errors: "Not Found" });
  });

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  };
  return state;
}
