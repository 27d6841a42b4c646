import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator";
import { adminClient, API_KEY, API_SECRET, startTestSimulator } from "../support/simulator";

const SHOP = "oauth-test.myshopify.com";
const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

describe("simulated OAuth", () => {
  let sim: RunningSimulator;

  const tokenRequest = async (body: Record<string, unknown>) => {
    const response = await fetch(`${sim.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-host": SHOP },
      body: JSON.stringify({ client_id: API_KEY, client_secret: API_SECRET, ...body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    sim = await startTestSimulator();
    sim.sim.createShop({ domain: SHOP });
  });
  afterAll(() => sim.close());

  it("refuses token exchange with a session token signed by another secret", async () => {
    const forged = sim.sim.oauth.mintSessionToken(SHOP, { secret: "not-the-app-secret" });
    const { status, body } = await tokenRequest({ grant_type: TOKEN_EXCHANGE, subject_token: forged, expiring: "1" });
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_subject_token");
    expect(sim.sim.shop(SHOP)!.installed).toBe(false);
  });

  it("exchanges a valid session token for an expiring offline token whose refresh token works once", async () => {
    const sessionToken = sim.sim.oauth.mintSessionToken(SHOP);
    const exchanged = await tokenRequest({ grant_type: TOKEN_EXCHANGE, subject_token: sessionToken, expiring: "1" });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ expires_in: 3600, access_token: expect.stringMatching(/^shpat_/) });
    const gql = adminClient(sim, SHOP, exchanged.body.access_token as string);
    expect((await gql(`{ shop { myshopifyDomain } }`)).body.data).toEqual({ shop: { myshopifyDomain: SHOP } });

    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: exchanged.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);
    const reused = await tokenRequest({ grant_type: "refresh_token", refresh_token: exchanged.body.refresh_token });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("issues online tokens with the associated user", async () => {
    const sessionToken = sim.sim.oauth.mintSessionToken(SHOP, { userId: "77" });
    const { body } = await tokenRequest({
      grant_type: TOKEN_EXCHANGE,
      subject_token: sessionToken,
      requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token",
    });
    expect(body).toMatchObject({ expires_in: 86399, associated_user: { email: `owner@${SHOP}` } });
  });

  it("runs the authorization-code grant with a signed redirect", async () => {
    const authorize = await fetch(
      `${sim.url}/admin/oauth/authorize?client_id=${API_KEY}&scope=read_orders&redirect_uri=${encodeURIComponent("https://app.example/auth/callback")}&state=xyz`,
      { headers: { "x-forwarded-host": SHOP }, redirect: "manual" },
    );
    expect(authorize.status).toBe(302);
    const callback = new URL(authorize.headers.get("location")!);
    const params = Object.fromEntries(callback.searchParams);
    const { hmac, ...signed } = params;
    expect(hmac).toBe(sim.sim.oauth.signQuery(signed));
    expect(params.state).toBe("xyz");
    const granted = await tokenRequest({ code: params.code });
    expect(granted.status).toBe(200);
    expect(await tokenRequest({ code: params.code })).toMatchObject({ status: 400 });
  });

  it("stops accepting every token of a shop once the app is uninstalled", async () => {
    const { accessToken } = sim.sim.install(SHOP);
    const gql = adminClient(sim, SHOP, accessToken);
    expect((await gql(`{ shop { name } }`)).status).toBe(200);
    sim.changes.uninstall(sim.sim.shop(SHOP)!);
    expect((await gql(`{ shop { name } }`)).status).toBe(401);
  });
});
