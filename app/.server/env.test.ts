import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://storehouse.example",
  SCOPES: "read_orders, read_products",
  DATABASE_URL: "postgresql://u:p@localhost:5432/storehouse",
};

describe("environment", () => {
  it("parses a complete environment, with scopes as a list and defaults filled", () => {
    const env = parseEnv(valid);
    expect(env.SCOPES).toEqual(["read_orders", "read_products"]);
    expect(env.PORT).toBe(3000);
  });

  it("names every missing or invalid field", () => {
    let error: unknown;
    try {
      parseEnv({ ...valid, SHOPIFY_API_SECRET: undefined, DATABASE_URL: "mysql://admin:hunter2@db/x" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/SHOPIFY_API_SECRET/);
    expect(message).toMatch(/DATABASE_URL: a postgresql:\/\/ URL/);
    // Values are never echoed: a bad URL may hold a password.
    expect(message).not.toContain("hunter2");
  });
});
