// The one way into an analyst API route (/api/v1): the bearer key checked
// (401 for a missing, malformed, unknown or revoked one, all alike), the
// route's one core call made for the key's shop, refusals answered as
// application/problem+json, and every request written to the access log
// (key, shop, route, status, rows, duration; never the key or the data).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { takeRateLimit, verifyApiKey, type RateLimitState } from "~/.server/api-keys";
import { ApiProblem } from "~/.server/insights/api/problems";
import { getApiResource, listApiResource, listQueryOf, type ApiResourceName } from "~/.server/insights/api/resources";
import { logger } from "~/.server/logger";
import { web, type WebDeps } from "~/web.server";

export interface ApiContext extends Pick<WebDeps, "db" | "pool"> {
  /** The key's shop: every query of the route is scoped by it. */
  shopId: string;
}

export interface ApiAnswer {
  body: unknown;
  /** Rows returned, for the access log. */
  rows?: number;
}

export async function apiRoute(
  request: Request,
  route: string,
  answer: (context: ApiContext) => Promise<ApiAnswer>,
): Promise<Response> {
  const started = performance.now();
  const { db, pool, apiRateLimitPerMinute } = web();
  const presented = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const holder = presented ? await verifyApiKey(db, presented) : null;
  let status = 200;
  let rows: number | undefined;
  let response: Response;
  let rate: RateLimitState | undefined;
  try {
    if (!holder) throw new ApiProblem("unauthorized");
    rate = await takeRateLimit(pool, holder.keyId, apiRateLimitPerMinute);
    if (!rate.allowed) throw new ApiProblem("rate-limited", `at most ${rate.limit} requests a minute per key`);
    const answered = await answer({ db, pool, shopId: holder.shopId.toString() });
    rows = answered.rows;
    response = Response.json(answered.body, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    status = error.status;
    response = new Response(JSON.stringify(error), {
      status,
      headers: {
        "Content-Type": "application/problem+json",
        "Cache-Control": "no-store",
        ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="storehouse"' } : {}),
        ...(status === 429 && rate ? { "Retry-After": String(rate.resetSeconds) } : {}),
      },
    });
  }
  if (rate) {
    // The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the window's quota and what is left.
    response.headers.set("RateLimit-Policy", `${rate.limit};w=60`);
    response.headers.set("RateLimit", `limit=${rate.limit}, remaining=${rate.remaining}, reset=${rate.resetSeconds}`);
  }
  const durationMs = Math.round(performance.now() - started);
  if (holder) {
    await pool
      .query(
        `INSERT INTO api_requests (shop_id, api_key_id, route, status, rows, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [holder.shopId.toString(), holder.keyId.toString(), route, status, rows ?? null, durationMs],
      )
      .catch((error: unknown) => logger.warn({ err: error, route }, "could not write the API access log"));
  }
  logger.info({ route, status, rows, durationMs, shopId: holder?.shopId.toString() }, "api request");
  return response;
}

/** A query string as a plain object, for a zod schema; a refused one is a 400 problem. */
export function parseQuery<T>(
  request: Request,
  schema: {
    safeParse: (
      value: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
): T {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "query"}: ${issue.message}`)
      .join("; ");
    throw new ApiProblem("invalid-request", detail);
  }
  return parsed.data;
}

/** The loader of GET /api/v1/{resource}: one page in write order. */
export function resourceListLoader(name: ApiResourceName) {
  const query = listQueryOf(name);
  return ({ request }: LoaderFunctionArgs) =>
    apiRoute(request, `GET /api/v1/${name}`, async ({ pool, shopId }) => {
      const page = await listApiResource(pool, shopId, name, parseQuery(request, query));
      return { body: page, rows: page.data.length };
    });
}

/** The loader of GET /api/v1/{resource}/:id: one row by its Shopify id; another shop's is 404. */
export function resourceDetailLoader(name: ApiResourceName) {
  return ({ request, params }: LoaderFunctionArgs) =>
    apiRoute(request, `GET /api/v1/${name}/:id`, async ({ pool, shopId }) => ({
      body: await getApiResource(pool, shopId, name, params.id ?? ""),
      rows: 1,
    }));
}
