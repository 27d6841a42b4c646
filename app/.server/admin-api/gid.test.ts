import { describe, expect, it } from "vitest";
import { parseGid, toGid } from "./gid";

describe("Shopify global ids", () => {
  it("keep ids above 2^53 exact", () => {
    expect(parseGid("gid://shopify/Order/820982911946154508", "Order")).toBe(820982911946154508n);
    expect(toGid("Order", 820982911946154508n)).toBe("gid://shopify/Order/820982911946154508");
  });

  it("read the numeric part of an inventory level id with its query string", () => {
    expect(parseGid("gid://shopify/InventoryLevel/24826418?inventory_item_id=271878346596884015")).toBe(24826418n);
  });

  it("refuse a gid of another type or a malformed one", () => {
    expect(() => parseGid("gid://shopify/Product/1", "Order")).toThrow(/Expected a Order id/);
    expect(() => parseGid("820982911946154508")).toThrow(/Not a Shopify global id/);
  });
});
