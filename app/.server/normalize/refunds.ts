// refunds/create (and the refunds embedded in an order).
import * as canonical from "./canonical";
import { array, int, json, money, requireId, shopifyId, shopMoney, text, time, type Payload, type Row } from "./values";

export interface NormalizedRefund {
  refund: Row;
  lineItems: Row[];
}

export function normalizeRefund(payload: Payload, orderId: bigint | null, currency: string | null): NormalizedRefund {
  const refundId = requireId(payload.id, "refund");
  const transactions = array(payload.transactions);
  const refunded = transactions
    .filter((transaction) => transaction.kind === "refund" && transaction.status === "success")
    .reduce((sum, transaction) => addDecimal(sum, money(transaction.amount) ?? "0"), "0");
  return {
    refund: {
      shopify_id: refundId,
      order_shopify_id: shopifyId(payload.order_id) ?? orderId,
      note: text(payload.note),
      // From the Admin GraphQL path the total comes as a bag (refund transactions cannot be bulk-nested).
      total_refunded: transactions.length ? refunded : shopMoney(payload.total_refunded_set),
      currency,
      transactions: json(canonical.transactions(transactions)),
      order_adjustments: json(payload.order_adjustments ?? []),
      processed_at: time(payload.processed_at),
      created_at: time(payload.created_at),
      // A refund is immutable once made; its creation is its last change.
      updated_at: time(payload.processed_at) ?? time(payload.created_at),
      raw: json(payload),
    },
    lineItems: array(payload.refund_line_items).map((item) => ({
      shopify_id: requireId(item.id, "refund line item"),
      refund_shopify_id: refundId,
      line_item_shopify_id: shopifyId(item.line_item_id),
      location_id: shopifyId(item.location_id),
      quantity: int(item.quantity),
      restock_type: text(item.restock_type),
      subtotal: shopMoney(item.subtotal_set) ?? money(item.subtotal),
      total_tax: shopMoney(item.total_tax_set) ?? money(item.total_tax),
      currency,
      created_at: time(payload.created_at),
      raw: json(item),
    })),
  };
}

/** Sum of two decimal strings without floating point. */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  const total = toScaled(a, scale) + toScaled(b, scale);
  const sign = total < 0n ? "-" : "";
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, "0");
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function decimals(value: string): number {
  return value.includes(".") ? value.split(".")[1]!.length : 0;
}

function toScaled(value: string, scale: number): bigint {
  const negative = value.startsWith("-");
  const [whole, fraction = ""] = value.replace("-", "").split(".");
  const scaled = BigInt(whole! + fraction.padEnd(scale, "0"));
  return negative ? -scaled : scaled;
}
