// Test helpers around the in-process Shopify simulator: an Admin GraphQL
// client that speaks to it the way the app does, and a webhook receiver.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../simulator";

export const API_KEY = "sim-test-key";
export const API_SECRET = "sim-test-secret";

export async function startTestSimulator(
  options: Partial<Omit<SimulatorOptions, "app">> & { app?: Partial<SimulatorOptions["app"]> } = {},
): Promise<RunningSimulator> {
  return startSimulator({ ...options, app: { apiKey: API_KEY, apiSecret: API_SECRET, ...options.app } });
}

export interface GraphqlResult {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[] | string;
    extensions?: {
      cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: Record<string, number> };
    };
  };
}

/**
 * The Admin GraphQL function the app's code takes (the shape of Shopify's
 * `admin.graphql`: query and options in, a Response out), against the simulator.
 */
export function simulatorGraphql(shop: string, connection: () => { url: string; accessToken: string }) {
  // Read at call time: tests build the function before beforeAll starts the simulator.
  return async (query: string, options?: { variables?: Record<string, unknown> }) => {
    const { url, accessToken } = connection();
    return fetch(`${url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-host": shop, "x-shopify-access-token": accessToken },
      body: JSON.stringify({ query, variables: options?.variables ?? {} }),
    });
  };
}

export function adminClient(sim: RunningSimulator, shop: string, accessToken: string) {
  return async (query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult> => {
    const response = await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-host": shop, "x-shopify-access-token": accessToken },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResult["body"] };
  };
}

export interface ReceivedWebhook {
  headers: IncomingMessage["headers"];
  body: string;
  request: IncomingMessage;
  response: ServerResponse;
}

/** An HTTP endpoint that records every delivery and answers with `status()`. */
export async function startWebhookReceiver(status: (received: ReceivedWebhook[]) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), request, response };
    received.push(entry);
    response.statusCode = status(received);
    response.end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Polls `check` until it returns a value, failing after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
