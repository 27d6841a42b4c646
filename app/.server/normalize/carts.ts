// carts/create|update: keyed by the cart token, not a numeric id.
import { array, int, json, money, text, time, UnusablePayloadError, type Payload, type Row } from "./values";
import { addDecimal } from "./refunds";

export function normalizeCart(payload: Payload, shopCurrency: string | null): Row {
  const token = text(payload.token) ?? text(payload.id);
  if (!token) throw new UnusablePayloadError("cart has no token");
  const lineItems = array(payload.line_items);
  const currency =
    text(
      (lineItems[0]?.line_price_set as { shop_money?: { currency_code?: string } } | undefined)?.shop_money
        ?.currency_code,
    ) ?? shopCurrency;
  return {
    token,
    currency,
    total_price: lineItems.reduce((sum, item) => addDecimal(sum, money(item.line_price) ?? "0"), "0"),
    item_count: lineItems.reduce((sum, item) => sum + (int(item.quantity) ?? 0), 0),
    line_items: json(lineItems),
    note: text(payload.note),
    created_at: time(payload.created_at),
    updated_at: time(payload.updated_at),
    raw: json(payload),
  };
}
