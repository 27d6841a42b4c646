// OAuth as Shopify answers it at https://{shop}/admin/oauth/*:
// - token exchange: an App Bridge session token (HS256 JWT signed with the app
//   secret, aud = API key, dest = the shop) for an online or offline token;
//   `expiring=1` makes the offline token expire in an hour with a refresh token;
// - refresh-token grant: refresh tokens rotate, a used one is refused;
// - authorization-code grant: the legacy redirect flow;
// - client credentials grant: an app of the shop owner's organisation,
//   installed on the shop, trades its client id and secret for a token that
//   lives 24 hours (expires_in 86399) and has no refresh token: the app asks
//   again with the same credentials.
// Every Admin API call presents a token issued here; anything else is a 401.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
}

interface AccessToken {
  shop: string;
  expiresAt: number | null;
  online: boolean;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const ONLINE_TOKEN = "urn:shopify:params:oauth:token-type:online-access-token";
const REFRESH_TOKEN_LIFETIME_S = 90 * 24 * 3600;
const CLIENT_CREDENTIALS_LIFETIME_S = 86_399;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export class ShopifyOAuth {
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly codes = new Map<string, { shop: string; expiresAt: number }>();
  readonly counters = {
    tokenExchanges: 0,
    refreshGrants: 0,
    refusedRefreshGrants: 0,
    authorizationCodes: 0,
    clientCredentialsGrants: 0,
  };

  constructor(
    private readonly app: AppCredentials,
    private readonly accessTokenLifetimeS = 3600,
  ) {}

  /** What App Bridge hands the embedded app: a session token for `shop` and `userId`. */
  mintSessionToken(shop: string, options: { userId?: string; expiresInS?: number; secret?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: SessionTokenClaims = {
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: this.app.apiKey,
      sub: options.userId ?? "42",
      exp: now + (options.expiresInS ?? 60),
      nbf: now - 5,
      iat: now,
      jti: randomBytes(8).toString("hex"),
      sid: randomBytes(8).toString("hex"),
    };
    const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac("sha256", options.secret ?? this.app.apiSecret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    return `${header}.${payload}.${signature}`;
  }

  verifySessionToken(token: string): SessionTokenClaims | undefined {
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || !signature) return undefined;
    const expected = createHmac("sha256", this.app.apiSecret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: SessionTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as SessionTokenClaims;
    } catch {
      return undefined;
    }
    const now = Date.now() / 1000;
    if (claims.aud !== this.app.apiKey || claims.exp < now || claims.nbf > now + 5) return undefined;
    return claims;
  }

  private issue(shop: string, options: { online: boolean; expiring: boolean }): Record<string, unknown> {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const lifetime = options.online ? 86_399 : this.accessTokenLifetimeS;
    const expires = options.online || options.expiring;
    this.accessTokens.set(accessToken, {
      shop,
      expiresAt: expires ? Date.now() + lifetime * 1000 : null,
      online: options.online,
    });
    const body: Record<string, unknown> = { access_token: accessToken, scope: this.app.scopes.join(",") };
    if (expires) body.expires_in = lifetime;
    if (options.expiring && !options.online) {
      const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
      this.refreshTokens.set(refreshToken, shop);
      body.refresh_token = refreshToken;
      body.refresh_token_expires_in = REFRESH_TOKEN_LIFETIME_S;
    }
    if (options.online) {
      body.associated_user_scope = this.app.scopes.join(",");
      body.associated_user = {
        id: 42,
        first_name: "Simulated",
        last_name: "Owner",
        email: `owner@${shop}`,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      };
    }
    return body;
  }

  /** Tokens for a shop as if the app had been installed earlier (for tests and the CLI). */
  issueOffline(shop: string, expiring = true): { accessToken: string; refreshToken?: string } {
    const body = this.issue(shop, { online: false, expiring });
    return { accessToken: body.access_token as string, refreshToken: body.refresh_token as string | undefined };
  }

  authorizationCode(shop: string): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { shop, expiresAt: Date.now() + 60_000 });
    return code;
  }

  /** Signs OAuth redirect query parameters the way Shopify does (hex HMAC of the sorted query). */
  signQuery(params: Record<string, string>): string {
    const message = Object.keys(params)
      .sort()
      .map((key) => `${key}=${params[key]}`)
      .join("&");
    return createHmac("sha256", this.app.apiSecret).update(message).digest("hex");
  }

  /**
   * POST /admin/oauth/access_token for `shop`; `onGrant` runs when the app
   * gains access. `installed` holds the scopes the shop granted the app (the
   * client credentials grant needs the app already installed).
   */
  accessTokenRequest(
    shop: string,
    params: Record<string, unknown>,
    onGrant: () => void,
    installed: { scopes: string[] } = { scopes: [] },
  ): TokenResponse {
    if (params.client_id !== this.app.apiKey || params.client_secret !== this.app.apiSecret) {
      return { status: 400, body: { error: "invalid_client", error_description: "Client credentials are invalid" } };
    }
    if (params.grant_type === "client_credentials") {
      if (installed.scopes.length === 0) {
        return {
          status: 400,
          body: { error: "invalid_request", error_description: "The app is not installed on this shop" },
        };
      }
      this.counters.clientCredentialsGrants += 1;
      const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
      this.accessTokens.set(accessToken, {
        shop,
        expiresAt: Date.now() + CLIENT_CREDENTIALS_LIFETIME_S * 1000,
        online: false,
      });
      return {
        status: 200,
        body: {
          access_token: accessToken,
          scope: installed.scopes.join(","),
          expires_in: CLIENT_CREDENTIALS_LIFETIME_S,
        },
      };
    }
    if (params.grant_type === TOKEN_EXCHANGE) {
      if (params.subject_token_type !== undefined && params.subject_token_type !== ID_TOKEN) {
        return { status: 400, body: { error: "invalid_request", error_description: "Unsupported subject_token_type" } };
      }
      const claims = this.verifySessionToken(String(params.subject_token ?? ""));
      if (!claims || new URL(claims.dest).host !== shop) {
        return { status: 400, body: { error: "invalid_subject_token", error_description: "Session token is invalid" } };
      }
      this.counters.tokenExchanges += 1;
      onGrant();
      const online = params.requested_token_type === ONLINE_TOKEN;
      const expiring = params.expiring === "1" || params.expiring === 1 || params.expiring === true;
      return { status: 200, body: this.issue(shop, { online, expiring }) };
    }
    if (params.grant_type === "refresh_token") {
      const owner = this.refreshTokens.get(String(params.refresh_token ?? ""));
      if (owner !== shop) {
        this.counters.refusedRefreshGrants += 1;
        return {
          status: 400,
          body: { error: "invalid_grant", error_description: "The refresh token is invalid or was already used" },
        };
      }
      this.refreshTokens.delete(String(params.refresh_token));
      this.counters.refreshGrants += 1;
      return { status: 200, body: this.issue(shop, { online: false, expiring: true }) };
    }
    if (params.code !== undefined) {
      const code = this.codes.get(String(params.code));
      this.codes.delete(String(params.code));
      if (!code || code.shop !== shop || code.expiresAt < Date.now()) {
        return {
          status: 400,
          body: {
            error: "invalid_request",
            error_description: "The authorization code was not found or was already used",
          },
        };
      }
      this.counters.authorizationCodes += 1;
      onGrant();
      return { status: 200, body: this.issue(shop, { online: false, expiring: params.expiring === "1" }) };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  }

  /** Whether an Admin API call for `shop` may proceed with this token. */
  accepts(shop: string, token: string | undefined): boolean {
    const issued = token ? this.accessTokens.get(token) : undefined;
    return Boolean(issued && issued.shop === shop && (issued.expiresAt === null || issued.expiresAt > Date.now()));
  }

  revokeShop(shop: string): void {
    for (const [token, issued] of this.accessTokens) if (issued.shop === shop) this.accessTokens.delete(token);
    for (const [token, owner] of this.refreshTokens) if (owner === shop) this.refreshTokens.delete(token);
  }

  /** Expire every access token of a shop now (its refresh tokens stay valid). */
  expireAccessTokens(shop: string): void {
    for (const issued of this.accessTokens.values()) if (issued.shop === shop) issued.expiresAt = Date.now() - 1;
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
  }
}
