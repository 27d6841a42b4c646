import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { routeShopifyCallsToSimulator } from "./simulator-routing";

describe("routing Shopify calls to the simulator", () => {
  it("sends any fetch to https://{shop}.myshopify.com to the simulator with the shop in X-Forwarded-Host", async () => {
    const seen: { url?: string; host?: string; forwarded?: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({
        url: request.url,
        host: request.headers.host,
        forwarded: String(request.headers["x-forwarded-host"]),
      });
      response.end("{}");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      routeShopifyCallsToSimulator(url);
      const response = await fetch("https://routing.myshopify.com/admin/api/2026-10/graphql.json?x=1", {
        method: "POST",
        body: "{}",
      });
      expect(response.status).toBe(200);
      expect(seen).toEqual([
        {
          url: "/admin/api/2026-10/graphql.json?x=1",
          host: expect.stringContaining("127.0.0.1"),
          forwarded: "routing.myshopify.com",
        },
      ]);
      // Other hosts are not touched: a plain local URL still goes where it says.
      expect((await fetch(`${url}/direct`)).status).toBe(200);
      expect(seen[1]).toMatchObject({ url: "/direct", forwarded: "undefined" });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
