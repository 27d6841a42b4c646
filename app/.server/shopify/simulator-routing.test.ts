import { describe, expect, it } from "vitest";
import { rewriteToSimulator } from "./simulator-routing";

describe("simulator routing", () => {
  it("sends shop calls to the simulator and keeps the shop host", () => {
    expect(
      rewriteToSimulator("https://demo.myshopify.com/admin/api/2026-10/graphql.json?x=1", "http://127.0.0.1:4000"),
    ).toEqual({ url: "http://127.0.0.1:4000/admin/api/2026-10/graphql.json?x=1", shopHost: "demo.myshopify.com" });
  });

  it("leaves every other URL alone", () => {
    expect(rewriteToSimulator("https://cdn.shopify.com/app-bridge.js", "http://127.0.0.1:4000")).toEqual({
      url: "https://cdn.shopify.com/app-bridge.js",
    });
  });
});
