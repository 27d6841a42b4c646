// Orders with their line items, transactions, refunds and fulfillments.
import { gid } from "../../ids";
import { lineItemTotalCents, orderTotals } from "../../shop/order-totals";
import type {
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  TransactionRecord,
} from "../../shop/records";
import type { SimulatedShop } from "../../shop/shop";
import { arraySource, connection, firstOf, type ConnectionArgs } from "../connection";
import type { GraphqlContext } from "../context";
import type { SearchFields } from "../search-query";
import { locationView, productView, variantView } from "./catalog";
import { iso, mailingAddressView, moneyBag } from "./common";
import { customerView } from "./customers";

export function fulfilledQuantity(order: OrderRecord, lineItemId: string): number {
  let quantity = 0;
  for (const fulfillment of order.fulfillments) {
    if (fulfillment.status !== "SUCCESS") continue;
    for (const item of fulfillment.lineItems) if (item.lineItemId === lineItemId) quantity += item.quantity;
  }
  return quantity;
}

export function refundedQuantity(order: OrderRecord, lineItemId: string): number {
  let quantity = 0;
  for (const refund of order.refunds)
    for (const item of refund.lineItems) if (item.lineItemId === lineItemId) quantity += item.quantity;
  return quantity;
}

/** "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED", from what shipped of what remains. */
export function fulfillmentStatus(order: OrderRecord): "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED" {
  let open = 0;
  let shipped = 0;
  for (const item of order.lineItems) {
    const remaining = item.quantity - refundedQuantity(order, item.id);
    const done = fulfilledQuantity(order, item.id);
    shipped += done;
    open += Math.max(0, remaining - done);
  }
  if (shipped === 0) return "UNFULFILLED";
  return open === 0 ? "FULFILLED" : "PARTIALLY_FULFILLED";
}

export function orderView(shop: SimulatedShop, order: OrderRecord) {
  const totals = orderTotals(order);
  const bag = (cents: number) => moneyBag(cents, order);
  const status = fulfillmentStatus(order);
  const current = totals.totalCents - totals.refundedCents;
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: order.id,
    name: order.name,
    number: order.number,
    confirmationNumber: order.token.slice(0, 9).toUpperCase(),
    email: order.email,
    phone: order.phone,
    note: order.note,
    tags: order.tags,
    test: false,
    confirmed: true,
    closed: order.closedAt !== null,
    closedAt: iso(order.closedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    processedAt: iso(order.processedAt),
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentmentCurrency,
    sourceName: order.sourceName,
    sourceIdentifier: null,
    edited: false,
    dutiesIncluded: false,
    taxesIncluded: false,
    estimatedTaxes: false,
    customerAcceptsMarketing: false,
    customerLocale: "en",
    requiresShipping: order.lineItems.some((item) => item.requiresShipping),
    fulfillable: order.cancelledAt === null && status !== "FULFILLED",
    fullyPaid: order.financialStatus !== "PENDING" && order.financialStatus !== "AUTHORIZED",
    unpaid: order.financialStatus === "PENDING" || order.financialStatus === "AUTHORIZED",
    refundable: order.financialStatus === "PAID" || order.financialStatus === "PARTIALLY_REFUNDED",
    capturable: order.financialStatus === "AUTHORIZED",
    canMarkAsPaid: order.financialStatus === "PENDING",
    restockable: order.refunds.length === 0,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: status,
    paymentGatewayNames: [...new Set(order.transactions.map((t) => t.gateway))],
    discountCode: order.discountCodes[0]?.code ?? null,
    discountCodes: order.discountCodes.map((code) => code.code),
    cartToken: order.cartToken,
    statusPageUrl: `https://${shop.domain}/${shop.id}/orders/${order.token}/authenticate`,
    subtotalLineItemsQuantity: totals.quantity,
    currentSubtotalLineItemsQuantity: order.lineItems.reduce(
      (sum, item) => sum + item.quantity - refundedQuantity(order, item.id),
      0,
    ),
    subtotalPriceSet: bag(totals.subtotalCents),
    totalPriceSet: bag(totals.totalCents),
    originalTotalPriceSet: bag(totals.totalCents),
    totalTaxSet: bag(totals.taxCents),
    totalDiscountsSet: bag(totals.discountCents),
    totalShippingPriceSet: bag(totals.shippingCents),
    totalRefundedSet: bag(totals.refundedCents),
    totalRefundedShippingSet: bag(0),
    totalReceivedSet: bag(order.financialStatus === "AUTHORIZED" ? 0 : totals.totalCents),
    netPaymentSet: bag(order.financialStatus === "AUTHORIZED" ? 0 : current),
    totalOutstandingSet: bag(order.financialStatus === "AUTHORIZED" ? totals.totalCents : 0),
    totalTipReceivedSet: bag(0),
    totalCapturableSet: bag(order.financialStatus === "AUTHORIZED" ? totals.totalCents : 0),
    currentTotalPriceSet: bag(current),
    currentSubtotalPriceSet: bag(
      totals.subtotalCents - (totals.refundedCents > 0 ? Math.min(totals.subtotalCents, totals.refundedCents) : 0),
    ),
    currentTotalTaxSet: bag(totals.taxCents),
    currentTotalDiscountsSet: bag(totals.discountCents),
    currentShippingPriceSet: bag(totals.shippingCents),
    // No simulated order crosses a customs border.
    currentTotalDutiesSet: null,
    originalTotalDutiesSet: null,
    currentCartDiscountAmountSet: bag(totals.discountCents),
    cartDiscountAmountSet: totals.discountCents ? bag(totals.discountCents) : null,
    refundDiscrepancySet: bag(0),
    taxLines: taxLines(order, totals.taxCents),
    currentTaxLines: taxLines(order, totals.taxCents),
    shippingLine: order.shippingCents
      ? {
          __typename: "ShippingLine",
          title: "Standard",
          code: "Standard",
          originalPriceSet: bag(order.shippingCents),
          discountedPriceSet: bag(order.shippingCents),
        }
      : null,
    billingAddress: mailingAddressView(order.billingAddress),
    shippingAddress: mailingAddressView(order.shippingAddress),
    billingAddressMatchesShippingAddress: true,
    // As the REST payload: the customer's exemption carries to the order.
    taxExempt: () => (order.customerId ? (shop.customers.byId(order.customerId)?.taxExempt ?? false) : false),
    customer: () => {
      const customer = order.customerId ? shop.customers.byId(order.customerId) : undefined;
      return customer ? customerView(shop, customer) : null;
    },
    lineItems: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: arraySource(order.lineItems),
          view: (item) => lineItemView(shop, order, item),
          id: (item) => item.id,
        },
        args,
        context,
      ),
    transactions: (args: { first?: number | null }) =>
      firstOf(order.transactions, args).map((t) => transactionView(order, t)),
    refunds: (args: { first?: number | null }) =>
      firstOf(order.refunds, args).map((refund) => refundView(shop, order, refund)),
    fulfillments: (args: { first?: number | null }) =>
      firstOf(order.fulfillments, args).map((fulfillment) => fulfillmentView(shop, order, fulfillment)),
    fulfillmentsCount: { __typename: "Count", count: order.fulfillments.length, precision: "EXACT" },
    customAttributes: [],
    alerts: [],
    disputes: [],
    additionalFees: [],
    merchantEditableErrors: [],
  };
}

function taxLines(order: OrderRecord, taxCents: number) {
  if (!taxCents) return [];
  return [
    {
      __typename: "TaxLine",
      title: "Sales tax",
      rate: order.taxRate,
      ratePercentage: order.taxRate * 100,
      priceSet: moneyBag(taxCents, order),
      channelLiable: false,
    },
  ];
}

export function lineItemView(shop: SimulatedShop, order: OrderRecord, item: LineItemRecord) {
  const bag = (cents: number) => moneyBag(cents, order);
  const refunded = refundedQuantity(order, item.id);
  const unfulfilled = Math.max(0, item.quantity - refunded - fulfilledQuantity(order, item.id));
  const total = lineItemTotalCents(item);
  return {
    __typename: "LineItem",
    id: gid("LineItem", item.id),
    name: item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title,
    title: item.title,
    variantTitle: item.variantTitle,
    sku: item.sku,
    vendor: item.vendor,
    quantity: item.quantity,
    currentQuantity: item.quantity - refunded,
    refundableQuantity: item.quantity - refunded,
    unfulfilledQuantity: order.cancelledAt ? 0 : unfulfilled,
    nonFulfillableQuantity: refunded,
    requiresShipping: item.requiresShipping,
    taxable: item.taxable,
    isGiftCard: false,
    merchantEditable: true,
    restockable: true,
    customAttributes: [],
    duties: [],
    originalUnitPriceSet: bag(item.priceCents),
    discountedUnitPriceSet: bag(Math.round((total - item.discountCents) / item.quantity)),
    discountedUnitPriceAfterAllDiscountsSet: bag(Math.round((total - item.discountCents) / item.quantity)),
    originalTotalSet: bag(total),
    discountedTotalSet: bag(total - item.discountCents),
    totalDiscountSet: bag(item.discountCents),
    priceAfterAllDiscountsBeforeTaxesSet: bag(total - item.discountCents),
    unfulfilledOriginalTotalSet: bag(item.priceCents * unfulfilled),
    unfulfilledDiscountedTotalSet: bag(item.priceCents * unfulfilled),
    discountAllocations: item.discountCents
      ? [{ __typename: "DiscountAllocation", allocatedAmountSet: bag(item.discountCents) }]
      : [],
    taxLines: item.taxCents
      ? [
          {
            __typename: "TaxLine",
            title: "Sales tax",
            rate: order.taxRate,
            ratePercentage: order.taxRate * 100,
            priceSet: bag(item.taxCents),
            channelLiable: false,
          },
        ]
      : [],
    product: () => {
      const product = item.productId ? shop.products.byId(item.productId) : undefined;
      return product ? productView(shop, product) : null;
    },
    variant: () => {
      const found = item.variantId ? shop.variant(item.variantId) : undefined;
      return found ? variantView(shop, found.variant, found.product) : null;
    },
  };
}

export function transactionView(order: OrderRecord, transaction: TransactionRecord) {
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", transaction.id),
    kind: transaction.kind,
    status: transaction.status,
    gateway: transaction.gateway,
    formattedGateway: transaction.gateway,
    test: false,
    manualPaymentGateway: transaction.gateway === "manual",
    manuallyCapturable: false,
    multiCapturable: false,
    amountSet: moneyBag(transaction.amountCents, order),
    createdAt: iso(transaction.createdAt),
    processedAt: iso(transaction.createdAt),
    fees: [],
    parentTransaction: () => {
      const parent = order.transactions.find((t) => t.id === transaction.parentId);
      return parent ? transactionView(order, parent) : null;
    },
  };
}

export function refundView(shop: SimulatedShop, order: OrderRecord, refund: RefundRecord) {
  const refunded = refund.transactions.reduce((sum, t) => sum + (t.status === "SUCCESS" ? t.amountCents : 0), 0);
  return {
    __typename: "Refund",
    id: gid("Refund", refund.id),
    legacyResourceId: refund.id,
    note: refund.note,
    createdAt: iso(refund.createdAt),
    updatedAt: iso(refund.createdAt),
    processedAt: iso(refund.createdAt),
    totalRefundedSet: moneyBag(refunded, order),
    order: () => orderView(shop, order),
    refundLineItems: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: arraySource(refund.lineItems),
          id: (item) => item.id,
          view: (item) => {
            const lineItem = order.lineItems.find((candidate) => candidate.id === item.lineItemId)!;
            return {
              __typename: "RefundLineItem",
              id: gid("RefundLineItem", item.id),
              quantity: item.quantity,
              restockType: item.restockType,
              restocked: item.restockType !== "NO_RESTOCK",
              priceSet: moneyBag(lineItem.priceCents, order),
              subtotalSet: moneyBag(item.subtotalCents, order),
              totalTaxSet: moneyBag(item.taxCents, order),
              lineItem: () => lineItemView(shop, order, lineItem),
              location: () => {
                const location = item.locationId ? shop.locations.byId(item.locationId) : undefined;
                return location ? locationView(shop, location) : null;
              },
            };
          },
        },
        args,
        context,
      ),
    transactions: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        { source: arraySource(refund.transactions), id: (t) => t.id, view: (t) => transactionView(order, t) },
        args,
        context,
      ),
    refundShippingLines: (args: ConnectionArgs, context: GraphqlContext) =>
      connection({ source: arraySource([] as { id: string }[]), id: (t) => t.id, view: (t) => t }, args, context),
  };
}

export function fulfillmentView(shop: SimulatedShop, order: OrderRecord, fulfillment: FulfillmentRecord) {
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", fulfillment.id),
    legacyResourceId: fulfillment.id,
    name: fulfillment.name,
    status: fulfillment.status,
    displayStatus: fulfillment.status === "SUCCESS" ? "FULFILLED" : "CANCELED",
    createdAt: iso(fulfillment.createdAt),
    updatedAt: iso(fulfillment.updatedAt),
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    totalQuantity: fulfillment.lineItems.reduce((sum, item) => sum + item.quantity, 0),
    trackingInfo: (args: { first?: number | null }) =>
      firstOf(
        fulfillment.trackingNumber
          ? [
              {
                __typename: "FulfillmentTrackingInfo",
                company: fulfillment.trackingCompany,
                number: fulfillment.trackingNumber,
                url: null,
              },
            ]
          : [],
        args,
      ),
    order: () => orderView(shop, order),
    location: () => {
      const location = shop.locations.byId(fulfillment.locationId);
      return location ? { __typename: "Location", id: gid("Location", location.id), name: location.name } : null;
    },
    fulfillmentLineItems: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: arraySource(
            fulfillment.lineItems.map((item) => ({ ...item, id: `${fulfillment.id}${item.lineItemId.slice(-6)}` })),
          ),
          id: (item) => item.id,
          view: (item) => {
            const lineItem = order.lineItems.find((candidate) => candidate.id === item.lineItemId)!;
            return {
              __typename: "FulfillmentLineItem",
              id: gid("FulfillmentLineItem", item.id),
              quantity: item.quantity,
              originalTotalSet: moneyBag(lineItem.priceCents * item.quantity, order),
              discountedTotalSet: moneyBag(lineItem.priceCents * item.quantity, order),
              lineItem: () => lineItemView(shop, order, lineItem),
            };
          },
        },
        args,
        context,
      ),
  };
}

export const orderSearch: SearchFields<OrderRecord> = {
  id: (o) => o.id,
  name: (o) => o.name,
  email: (o) => o.email,
  customer_id: (o) => o.customerId,
  financial_status: (o) => o.financialStatus,
  fulfillment_status: (o) =>
    fulfillmentStatus(o) === "FULFILLED"
      ? "shipped"
      : fulfillmentStatus(o) === "PARTIALLY_FULFILLED"
        ? "partial"
        : "unshipped",
  status: (o) => (o.cancelledAt ? "cancelled" : o.closedAt ? "closed" : "open"),
  tag: (o) => o.tags,
  sku: (o) => o.lineItems.map((item) => item.sku ?? ""),
  created_at: (o) => o.createdAt,
  updated_at: (o) => o.updatedAt,
  processed_at: (o) => o.processedAt,
};

/**
 * Without the read_all_orders scope Shopify shows an app only the orders
 * created in the last 60 days: everywhere (lists, bulk exports, nodes, counts).
 */
export const ORDER_WINDOW_MS = 60 * 86_400_000;

export function orderIsVisible(shop: SimulatedShop, order: { createdAt: number }, now = Date.now()): boolean {
  return shop.grantedScopes.includes("read_all_orders") || order.createdAt >= now - ORDER_WINDOW_MS;
}

export function ordersConnection(shop: SimulatedShop, args: ConnectionArgs, context: GraphqlContext) {
  return connection(
    {
      visible: (o) => orderIsVisible(shop, o),
      source: shop.orders,
      view: (o) => orderView(shop, o),
      id: (o) => o.id,
      search: { fields: orderSearch, text: (o) => `${o.name} ${o.email ?? ""}` },
      sortKeys: {
        // ID, CREATED_AT and PROCESSED_AT follow index order: no sort needed.
        UPDATED_AT: (o) => o.updatedAt,
        ORDER_NUMBER: (o) => o.number,
        TOTAL_PRICE: (o) => orderTotals(o).totalCents,
      },
      root: true,
    },
    args,
    context,
  );
}
