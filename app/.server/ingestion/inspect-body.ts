// What ingestion checks of a body before it stores it, in one pass over the
// text and without parsing it (the ack path stays cheap; PostgreSQL's jsonb
// input validates the grammar as it stores):
// - it must be a JSON object no deeper than MAX_JSON_DEPTH: anything else can
//   never be processed, so it is refused with 400 instead of being retried;
// - PostgreSQL's jsonb cannot hold the escape \u0000 nor an unpaired UTF-16
//   surrogate escape (\ud800 alone), which JSON allows and a customer can type
//   into an order note. Those escapes are replaced by \ufffd (the Unicode
//   replacement character) in the jsonb copy only; the exact body is kept
//   beside it (webhook_events.raw_body) whenever it differs.

import { MAX_JSON_DEPTH } from "~/.server/shopify/constants";

export type BodyInspection =
  { ok: true; storable: string; altered: boolean } | { ok: false; reason: "not_json" | "not_object" | "too_deep" };

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

/** The code unit of a `\uXXXX` escape starting at `index` (the backslash), or -1. */
function unicodeEscapeAt(text: string, index: number): number {
  if (text.charCodeAt(index) !== BACKSLASH || text.charCodeAt(index + 1) !== 0x75) return -1;
  for (let offset = 2; offset < 6; offset += 1) if (!isHex(text.charCodeAt(index + offset))) return -1;
  return Number.parseInt(text.slice(index + 2, index + 6), 16);
}

export function inspectWebhookBody(text: string): BodyInspection {
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start += 1;
  if (start === text.length) return { ok: false, reason: "not_json" };
  if (text[start] !== "{") {
    // Valid JSON that is not an object (array, string, number, true, null) is still useless to us.
    return { ok: false, reason: looksLikeJsonValue(text) ? "not_object" : "not_json" };
  }

  let depth = 0;
  let inString = false;
  // Where the escapes jsonb refuses start (each is six characters), replaced below.
  const unstorable: number[] = [];
  for (let index = start; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === QUOTE) inString = false;
      // JSON forbids raw control characters (a NUL byte among them) inside strings.
      else if (code < 0x20) return { ok: false, reason: "not_json" };
      else if (code === BACKSLASH) {
        const unit = unicodeEscapeAt(text, index);
        if (unit === 0) unstorable.push(index);
        else if (unit >= 0xd800 && unit <= 0xdbff) {
          const next = unicodeEscapeAt(text, index + 6);
          if (next >= 0xdc00 && next <= 0xdfff) index += 6;
          else unstorable.push(index);
        } else if (unit >= 0xdc00 && unit <= 0xdfff) unstorable.push(index);
        // Skip the escaped character (or the escape's first letter): `\"` does not end the string.
        index += unit >= 0 ? 5 : 1;
      }
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return { ok: false, reason: "too_deep" };
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
    else if (code === 0) return { ok: false, reason: "not_json" };
  }

  if (depth !== 0 || inString) return { ok: false, reason: "not_json" };
  if (unstorable.length === 0) return { ok: true, storable: text, altered: false };
  let storable = "";
  let from = 0;
  for (const index of unstorable) {
    storable += `${text.slice(from, index)}\\ufffd`;
    from = index + 6;
  }
  storable += text.slice(from);
  return { ok: true, storable, altered: true };
}

function looksLikeJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
