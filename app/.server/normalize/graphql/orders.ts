// A bulk `orders` line with its `lineItems` children, in the REST shape.
import type { Payload } from "../values";
import { address, amountOf, legacyId, lower, moneySet, type Node } from "./common";

// REST's fulfillment_status words (the webhook path stores "unfulfilled" for REST's null);
// GraphQL's in-between states (on hold, in progress, scheduled...) have nothing fulfilled yet.
const FULFILLMENT_STATUS: Record<string, string> = {
  FULFILLED: "fulfilled",
  PARTIALLY_FULFILLED: "partial",
  RESTOCKED: "restocked",
};

/** What a bulk query cannot nest under an order's `refunds` list, fetched separately (sync/graphql-pages.ts). */
export interface RefundDetails {
  lineItems: Node[];
  transactions: Node[];
}

/** `refunds` maps a refund's GID to its line items and transactions. */
export function orderFromGraphql(
  order: Node,
  lineItems: Node[],
  refunds: ReadonlyMap<string, RefundDetails> = new Map(),
): Payload {
  const orderId = legacyId(order.id);
  const shippingLine = order.shippingLine as Node | null;
  return {
    id: orderId,
    name: order.name,
    order_number: order.number,
    email: order.email ?? null,
    phone: order.phone ?? null,
    note: order.note ?? null,
    tags: order.tags,
    test: order.test,
    source_name: order.sourceName ?? null,
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode,
    financial_status: lower(order.displayFinancialStatus),
    fulfillment_status: FULFILLMENT_STATUS[String(order.displayFulfillmentStatus)] ?? "unfulfilled",
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt ?? null,
    cancel_reason: lower(order.cancelReason),
    closed_at: order.closedAt ?? null,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    subtotal_price_set: moneySet(order.subtotalPriceSet),
    total_price_set: moneySet(order.totalPriceSet),
    total_tax_set: moneySet(order.totalTaxSet),
    total_discounts_set: moneySet(order.totalDiscountsSet),
    total_shipping_price_set: moneySet(order.totalShippingPriceSet),
    current_total_price_set: moneySet(order.currentTotalPriceSet),
    current_shipping_price_set: moneySet(order.currentShippingPriceSet),
    current_total_duties_set: order.currentTotalDutiesSet ? moneySet(order.currentTotalDutiesSet) : null,
    tax_exempt: order.taxExempt,
    customer: order.customer ? { id: legacyId((order.customer as Node).id) } : null,
    billing_address: address(order.billingAddress),
    shipping_address: address(order.shippingAddress),
    note_attributes: attributes(order.customAttributes),
    discount_codes: ((order.discountCodes as string[] | undefined) ?? []).map((code) => ({ code })),
    tax_lines: taxLines(order.taxLines),
    shipping_lines: shippingLine
      ? [{ title: shippingLine.title, code: shippingLine.code, price: amountOf(shippingLine.originalPriceSet) }]
      : [],
    refunds: ((order.refunds as Node[] | undefined) ?? []).map((refund) =>
      refundFromGraphql(refund, orderId, refunds.get(String(refund.id))),
    ),
    line_items: lineItems.map((item) => ({
      id: legacyId(item.id),
      product_id: legacyId((item.product as Node | null)?.id),
      variant_id: legacyId((item.variant as Node | null)?.id),
      sku: item.sku ?? null,
      title: item.title,
      variant_title: item.variantTitle ?? null,
      vendor: item.vendor ?? null,
      quantity: item.quantity,
      current_quantity: item.currentQuantity,
      fulfillable_quantity: item.unfulfilledQuantity,
      requires_shipping: item.requiresShipping,
      taxable: item.taxable,
      gift_card: item.isGiftCard,
      price_set: moneySet(item.originalUnitPriceSet),
      total_discount_set: moneySet(item.totalDiscountSet),
      tax_lines: taxLines(item.taxLines),
      discount_allocations: ((item.discountAllocations as Node[] | undefined) ?? []).map((allocation) => ({
        amount: amountOf(allocation.allocatedAmountSet),
      })),
      properties: attributes(item.customAttributes),
    })),
  };
}

function taxLines(value: unknown): Payload[] {
  return ((value as Node[] | undefined) ?? []).map((line) => ({
    title: line.title,
    rate: line.rate,
    price: amountOf(line.priceSet),
  }));
}

/** GraphQL's custom attributes ({ key, value }) as REST's ({ name, value }). */
function attributes(value: unknown): Payload[] {
  return ((value as Node[] | undefined) ?? []).map((attribute) => ({ name: attribute.key, value: attribute.value }));
}

/** A GraphQL refund with its separately fetched details, in the REST shape of an order's refund. */
export function refundFromGraphql(refund: Node, orderId: string | null, details?: RefundDetails): Payload {
  return {
    id: legacyId(refund.id),
    order_id: orderId,
    note: refund.note ?? null,
    created_at: refund.createdAt,
    processed_at: refund.processedAt ?? refund.createdAt,
    total_refunded_set: moneySet(refund.totalRefundedSet),
    transactions: (details?.transactions ?? []).map((transaction) => ({
      id: legacyId(transaction.id),
      kind: lower(transaction.kind),
      status: lower(transaction.status),
      gateway: transaction.gateway ?? null,
      amount: amountOf(transaction.amountSet),
      processed_at: transaction.processedAt ?? null,
    })),
    refund_line_items: (details?.lineItems ?? []).map((item) => ({
      id: legacyId(item.id),
      line_item_id: legacyId((item.lineItem as Node | null)?.id),
      location_id: legacyId((item.location as Node | null)?.id),
      quantity: item.quantity,
      restock_type: lower(item.restockType),
      subtotal_set: moneySet(item.subtotalSet),
      total_tax_set: moneySet(item.totalTaxSet),
    })),
  };
}
