import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parseShopifyJson, parseShopifyJsonWithReviver, stringifyShopifyJson } from "./json";

describe("parseShopifyJson", () => {
  it("reads integers past 2^53 exactly, wherever they are, and leaves everything else to JSON.parse", () => {
    const text = `{"id":820982911946154508,"n":-9007199254740993,"safe":9007199254740991,"sixteen":1000000000000000,
      "list":[10800000000000001,{"deep":[18446744073709551615]}],"price":"12345678901234567",
      "quoted":"a \\"12345678901234567\\" b","fraction":1.0000000000000002,"exp":1234567890123456e2,"small":-3}`;
    expect(parseShopifyJson(text)).toEqual({
      id: 820982911946154508n,
      n: -9007199254740993n,
      safe: 9007199254740991,
      sixteen: 1000000000000000,
      list: [10800000000000001n, { deep: [18446744073709551615n] }],
      price: "12345678901234567",
      quoted: 'a "12345678901234567" b',
      fraction: 1.0000000000000002,
      exp: 1234567890123456e2,
      small: -3,
    });
  });

  it("agrees with the reviver-based parser on generated documents", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['"', "\\", ":", ",", "12345678901234567", "-", ".", "e", " ", "\u00e9", "a"];
    const scalar = (): unknown => {
      const pick = Math.floor(random() * 6);
      if (pick === 0) return BigInt(Math.floor(random() * 1e6)) * 10n ** 13n + 7n;
      if (pick === 1) return Math.floor(random() * 1e9) - 5e8;
      if (pick === 2) return random() * 1e3;
      if (pick === 3) return Array.from({ length: 6 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      if (pick === 4) return random() < 0.5;
      return null;
    };
    const value = (depth: number): unknown => {
      if (depth > 3 || random() < 0.3) return scalar();
      if (random() < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, (_, k) => [`k${k}`, value(depth + 1)]),
      );
    };
    for (let run = 0; run < 500; run += 1) {
      const text = stringifyShopifyJson(value(0));
      const fast = parseShopifyJson(text);
      expect(isDeepStrictEqual(fast, parseShopifyJsonWithReviver(text)), text).toBe(true);
    }
  });

  it("refuses what JSON.parse refuses", () => {
    expect(() => parseShopifyJson('{"id": 12345678901234567')).toThrow(SyntaxError);
    expect(() => parseShopifyJson("{'id': 1}")).toThrow(SyntaxError);
    // An escaped NUL could pass for the mark: such text takes the exact, slower path.
    expect(parseShopifyJson('{"a":"\\u000012345678901234567","b":12345678901234567}')).toEqual({
      a: "\u000012345678901234567",
      b: 12345678901234567n,
    });
  });
});

describe("JsonValue", () => {
  it("writes a whole parsed document as the text it came from, and anything else serialized", async () => {
    const { JsonValue } = await import("./values");
    const text = '{"id":820982911946154508,"line_items":[{"id":10800000000000001,"title":"Cap"}]}';
    const payload = parseShopifyJson(text) as { line_items: unknown[] };
    expect(new JsonValue(payload).toPostgres()).toBe(text);
    expect(new JsonValue(payload.line_items[0]).toPostgres()).toBe('{"id":10800000000000001,"title":"Cap"}');
    expect(new JsonValue({ id: 5n }).toPostgres()).toBe('{"id":5}');
  });
});

describe("parseShopifyJson's depth limit", () => {
  it("refuses text nesting deeper than asked, strings aside, and parses text at the limit", () => {
    const nested = (depth: number) => `{"a":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)},"s":"[[[[[[[[[["}`;
    expect(() => parseShopifyJson(nested(129), 128)).toThrow(RangeError);
    expect(parseShopifyJson(nested(128), 128)).toMatchObject({ s: "[[[[[[[[[[" });
    expect(parseShopifyJson(nested(2000))).toMatchObject({ s: "[[[[[[[[[[" });
  });
});
