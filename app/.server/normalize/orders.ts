// orders/*: an order with its line items, discounts, shipping and tax lines,
// refunds, fulfillment status and customer link (none for guest orders).
import * as canonical from "./canonical";
import { addDecimal, normalizeRefund, type NormalizedRefund } from "./refunds";
import {
  array,
  bool,
  int,
  json,
  lower,
  money,
  requireId,
  whenSent,
  shopifyId,
  shopMoney,
  tags,
  text,
  time,
  type Payload,
  type Row,
} from "./values";

export interface NormalizedOrder {
  order: Row;
  lineItems: Row[];
  refunds: NormalizedRefund[];
}

export function normalizeOrder(payload: Payload): NormalizedOrder {
  const orderId = requireId(payload.id, "order");
  const currency = text(payload.currency);
  const customer = payload.customer as Payload | null | undefined;
  const refunds = array(payload.refunds).map((refund) => normalizeRefund(refund, orderId, currency));
  const totalRefunded = refunds.reduce(
    (sum, refund) => (refund.refund.total_refunded ? addDecimal(sum, refund.refund.total_refunded as string) : sum),
    "0",
  );
  return {
    order: {
      shopify_id: orderId,
      name: text(payload.name),
      order_number: int(payload.order_number),
      customer_shopify_id: shopifyId(customer?.id),
      email: lower(payload.email ?? payload.contact_email),
      phone: text(payload.phone),
      currency,
      presentment_currency: text(payload.presentment_currency),
      subtotal_price: shopMoney(payload.subtotal_price_set) ?? money(payload.subtotal_price),
      total_price: shopMoney(payload.total_price_set) ?? money(payload.total_price),
      total_tax: shopMoney(payload.total_tax_set) ?? money(payload.total_tax),
      total_discounts: shopMoney(payload.total_discounts_set) ?? money(payload.total_discounts),
      total_shipping: shopMoney(payload.total_shipping_price_set),
      total_refunded: refunds.length ? totalRefunded : "0",
      current_total_price: shopMoney(payload.current_total_price_set) ?? money(payload.current_total_price),
      // Sent since API 2024-ish; an older payload without them leaves the columns as they were.
      ...whenSent(payload, "current_shipping_price_set", shopMoney, "current_shipping"),
      ...whenSent(payload, "current_total_duties_set", shopMoney, "current_total_duties"),
      ...whenSent(payload, "tax_exempt", bool),
      financial_status: text(payload.financial_status),
      fulfillment_status: text(payload.fulfillment_status) ?? "unfulfilled",
      source_name: text(payload.source_name),
      test: bool(payload.test),
      tags: tags(payload.tags),
      note: text(payload.note),
      note_attributes: json(canonical.attributes(payload.note_attributes)),
      billing_address: json(canonical.address(payload.billing_address)),
      shipping_address: json(canonical.address(payload.shipping_address)),
      discount_codes: json(canonical.discountCodes(payload.discount_codes)),
      shipping_lines: json(canonical.shippingLines(payload.shipping_lines)),
      tax_lines: json(canonical.taxLines(payload.tax_lines)),
      processed_at: time(payload.processed_at),
      cancelled_at: time(payload.cancelled_at),
      cancel_reason: text(payload.cancel_reason),
      closed_at: time(payload.closed_at),
      created_at: time(payload.created_at),
      updated_at: time(payload.updated_at),
      raw: json(payload),
    },
    lineItems: array(payload.line_items).map((item) => ({
      shopify_id: requireId(item.id, "line item"),
      order_shopify_id: orderId,
      product_shopify_id: shopifyId(item.product_id),
      variant_shopify_id: shopifyId(item.variant_id),
      sku: text(item.sku),
      title: text(item.title),
      variant_title: text(item.variant_title),
      vendor: text(item.vendor),
      quantity: int(item.quantity),
      current_quantity: int(item.current_quantity),
      fulfillable_quantity: int(item.fulfillable_quantity),
      price: shopMoney(item.price_set) ?? money(item.price),
      total_discount: shopMoney(item.total_discount_set) ?? money(item.total_discount),
      currency,
      requires_shipping: bool(item.requires_shipping),
      taxable: bool(item.taxable),
      gift_card: bool(item.gift_card),
      tax_lines: json(canonical.taxLines(item.tax_lines)),
      discount_allocations: json(canonical.discountAllocations(item.discount_allocations)),
      properties: json(canonical.attributes(item.properties)),
      created_at: time(payload.created_at),
      updated_at: time(payload.updated_at),
      raw: json(item),
    })),
    refunds,
  };
}
