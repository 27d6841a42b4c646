import type { LineItemRecord, OrderRecord } from "./records";

export interface OrderTotals {
  lineItemsCents: number;
  discountCents: number;
  subtotalCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
  refundedCents: number;
  quantity: number;
}

export function lineItemTotalCents(item: LineItemRecord): number {
  return item.priceCents * item.quantity;
}

export function orderTotals(order: OrderRecord): OrderTotals {
  let lineItemsCents = 0;
  let discountCents = 0;
  let taxCents = 0;
  let quantity = 0;
  for (const item of order.lineItems) {
    lineItemsCents += lineItemTotalCents(item);
    discountCents += item.discountCents;
    taxCents += item.taxCents;
    quantity += item.quantity;
  }
  const subtotalCents = lineItemsCents - discountCents;
  let refundedCents = 0;
  for (const refund of order.refunds) {
    for (const transaction of refund.transactions)
      if (transaction.status === "SUCCESS") refundedCents += transaction.amountCents;
  }
  return {
    lineItemsCents,
    discountCents,
    subtotalCents,
    taxCents,
    shippingCents: order.shippingCents,
    totalCents: subtotalCents + taxCents + order.shippingCents,
    refundedCents,
    quantity,
  };
}

/** "12.30": Shopify's REST payloads carry money as decimal strings. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function toPresentment(cents: number, order: Pick<OrderRecord, "exchangeRate">): number {
  return Math.round(cents * order.exchangeRate);
}
