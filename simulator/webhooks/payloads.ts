// REST-style webhook bodies, shaped like Shopify's documented samples:
// snake_case, numeric ids, admin_graphql_api_id, money as decimal strings and
// *_set money bags. Ids above 2^53 must stay exact, so they are written as
// JSON numbers by serializePayload() rather than through JavaScript numbers.
import { gid } from "../ids";
import { formatCents, orderTotals, toPresentment } from "../shop/order-totals";
import type {
  AddressRecord,
  CartRecord,
  CustomerRecord,
  InventoryLevelRecord,
  LineItemRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  TransactionRecord,
  VariantRecord,
} from "../shop/records";
import type { SimulatedShop } from "../shop/shop";
import { fulfilledQuantity, fulfillmentStatus, refundedQuantity } from "../admin-graphql/views/orders";

const EXACT = "\u0000";

/** An integer id written as an exact JSON number. */
export function num(id: string | null | undefined): string | null {
  return id === null || id === undefined ? null : `${EXACT}${id}`;
}

export function serializePayload(payload: unknown): string {
  return JSON.stringify(payload).replace(/"\\u0000(-?\d+)"/g, "$1");
}

function iso(ms: number | null): string | null {
  if (ms === null) return null;
  // Shopify's REST timestamps carry the shop's offset; UTC keeps them exact and unambiguous.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "-00:00");
}

function set(cents: number, order: Pick<OrderRecord, "currency" | "presentmentCurrency" | "exchangeRate">) {
  return {
    shop_money: { amount: formatCents(cents), currency_code: order.currency },
    presentment_money: { amount: formatCents(toPresentment(cents, order)), currency_code: order.presentmentCurrency },
  };
}

function addressPayload(address: AddressRecord | null, customerId?: string) {
  if (!address) return null;
  return {
    ...(customerId ? { id: num(address.id), customer_id: num(customerId) } : {}),
    first_name: address.firstName,
    last_name: address.lastName,
    name: `${address.firstName} ${address.lastName}`,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    province_code: address.provinceCode,
    country: address.country,
    country_code: address.countryCode,
    country_name: address.country,
    zip: address.zip,
    phone: address.phone,
    latitude: null,
    longitude: null,
    ...(customerId ? { default: false } : {}),
  };
}

function variantPayload(shop: SimulatedShop, product: ProductRecord, variant: VariantRecord) {
  return {
    id: num(variant.id),
    product_id: num(product.id),
    title: variant.title,
    price: formatCents(variant.priceCents),
    position: variant.position,
    inventory_policy: variant.inventoryPolicy.toLowerCase(),
    compare_at_price: variant.compareAtPriceCents === null ? null : formatCents(variant.compareAtPriceCents),
    option1: variant.options[0] ?? null,
    option2: variant.options[1] ?? null,
    option3: variant.options[2] ?? null,
    created_at: iso(variant.createdAt),
    updated_at: iso(variant.updatedAt),
    taxable: variant.taxable,
    barcode: variant.barcode,
    sku: variant.sku,
    inventory_item_id: num(variant.inventoryItemId),
    inventory_quantity: shop.totalInventory(variant),
    old_inventory_quantity: shop.totalInventory(variant),
    admin_graphql_api_id: gid("ProductVariant", variant.id),
    image_id: null,
  };
}

export function productPayload(shop: SimulatedShop, product: ProductRecord) {
  return {
    admin_graphql_api_id: gid("Product", product.id),
    body_html: product.bodyHtml,
    created_at: iso(product.createdAt),
    handle: product.handle,
    id: num(product.id),
    product_type: product.productType,
    published_at: iso(product.publishedAt),
    template_suffix: null,
    title: product.title,
    updated_at: iso(product.updatedAt),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: "global",
    tags: product.tags.join(", "),
    variants: product.variants.map((variant) => variantPayload(shop, product, variant)),
    options: product.options.map((option) => ({
      name: option.name,
      id: num(option.id),
      product_id: num(product.id),
      position: option.position,
      values: option.values,
    })),
    images: [],
    image: null,
    media: [],
    variant_gids: product.variants.map((variant) => ({
      admin_graphql_api_id: gid("ProductVariant", variant.id),
      updated_at: new Date(variant.updatedAt).toISOString(),
    })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

export function inventoryItemPayload(shop: SimulatedShop, variant: VariantRecord) {
  return {
    id: num(variant.inventoryItemId),
    sku: variant.sku,
    created_at: iso(variant.createdAt),
    updated_at: iso(variant.updatedAt),
    requires_shipping: true,
    cost: formatCents(variant.costCents),
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    tracked: true,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: gid("InventoryItem", variant.inventoryItemId),
  };
}

export function inventoryLevelPayload(level: InventoryLevelRecord) {
  return {
    inventory_item_id: num(level.inventoryItemId),
    location_id: num(level.locationId),
    available: level.available,
    updated_at: iso(level.updatedAt),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.inventoryItemId}`,
  };
}

/** The customer fields every payload that embeds a customer carries. */
function customerSummary(shop: SimulatedShop, customer: CustomerRecord) {
  return {
    id: num(customer.id),
    email: customer.email,
    created_at: iso(customer.createdAt),
    updated_at: iso(customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt,
    phone: customer.phone,
    currency: shop.currency,
    tags: customer.tags.join(", "),
    admin_graphql_api_id: gid("Customer", customer.id),
    default_address: customer.addresses[0]
      ? { ...addressPayload(customer.addresses[0], customer.id), default: true }
      : null,
  };
}

export function customerPayload(shop: SimulatedShop, customer: CustomerRecord) {
  const orders = shop.customerOrderIndexes(customer.id);
  const last = orders.length ? shop.orders.at(orders.at(-1)!) : undefined;
  return {
    ...customerSummary(shop, customer),
    orders_count: orders.length,
    total_spent: formatCents(shop.customerAmountSpentCents(customer.id)),
    last_order_id: num(last?.id),
    last_order_name: last?.name ?? null,
    addresses: customer.addresses.map((address, k) => ({ ...addressPayload(address, customer.id), default: k === 0 })),
    tax_exemptions: [],
    email_marketing_consent: customer.email
      ? {
          state: customer.acceptsMarketing ? "subscribed" : "not_subscribed",
          opt_in_level: "single_opt_in",
          consent_updated_at: null,
        }
      : null,
    sms_marketing_consent: null,
  };
}

/** The short form Shopify sends for customers/delete. */
export function deletedCustomerPayload(customer: CustomerRecord) {
  return {
    id: num(customer.id),
    phone: null,
    addresses: [],
    tax_exemptions: [],
    email_marketing_consent: null,
    sms_marketing_consent: null,
    admin_graphql_api_id: gid("Customer", customer.id),
  };
}

function lineItemPayload(order: OrderRecord, item: LineItemRecord) {
  const fulfilled = fulfilledQuantity(order, item.id);
  // Refunded (removed) units leave current_quantity and can no longer be fulfilled, as in Shopify.
  const refunded = refundedQuantity(order, item.id);
  return {
    id: num(item.id),
    admin_graphql_api_id: gid("LineItem", item.id),
    variant_id: num(item.variantId),
    product_id: num(item.productId),
    title: item.title,
    variant_title: item.variantTitle,
    name: item.variantTitle ? `${item.title} - ${item.variantTitle}` : item.title,
    quantity: item.quantity,
    current_quantity: item.quantity - refunded,
    sku: item.sku,
    vendor: item.vendor,
    fulfillment_service: "manual",
    requires_shipping: item.requiresShipping,
    taxable: item.taxable,
    gift_card: false,
    variant_inventory_management: item.variantId ? "shopify" : null,
    properties: [],
    product_exists: item.productId !== null,
    fulfillable_quantity: order.cancelledAt ? 0 : Math.max(0, item.quantity - refunded - fulfilled),
    grams: item.grams,
    price: formatCents(item.priceCents),
    total_discount: formatCents(item.discountCents),
    fulfillment_status: fulfilled === 0 ? null : fulfilled >= item.quantity ? "fulfilled" : "partial",
    price_set: set(item.priceCents, order),
    total_discount_set: set(item.discountCents, order),
    discount_allocations: item.discountCents
      ? [
          {
            amount: formatCents(item.discountCents),
            amount_set: set(item.discountCents, order),
            discount_application_index: 0,
          },
        ]
      : [],
    duties: [],
    tax_lines: item.taxCents
      ? [
          {
            title: "Sales tax",
            price: formatCents(item.taxCents),
            rate: order.taxRate,
            price_set: set(item.taxCents, order),
            channel_liable: false,
          },
        ]
      : [],
  };
}

function transactionPayload(order: OrderRecord, transaction: TransactionRecord) {
  return {
    id: num(transaction.id),
    order_id: num(order.id),
    kind: transaction.kind.toLowerCase(),
    gateway: transaction.gateway,
    status: transaction.status.toLowerCase(),
    message: null,
    created_at: iso(transaction.createdAt),
    test: false,
    authorization: null,
    location_id: null,
    user_id: null,
    parent_id: num(transaction.parentId),
    processed_at: iso(transaction.createdAt),
    device_id: null,
    error_code: null,
    source_name: "web",
    receipt: {},
    amount: formatCents(transaction.amountCents),
    currency: order.currency,
    admin_graphql_api_id: gid("OrderTransaction", transaction.id),
  };
}

export function refundPayload(order: OrderRecord, refund: RefundRecord) {
  return {
    id: num(refund.id),
    order_id: num(order.id),
    created_at: iso(refund.createdAt),
    note: refund.note,
    user_id: null,
    processed_at: iso(refund.createdAt),
    restock: refund.lineItems.some((item) => item.restockType !== "NO_RESTOCK"),
    duties: [],
    total_duties_set: set(0, order),
    admin_graphql_api_id: gid("Refund", refund.id),
    refund_line_items: refund.lineItems.map((item) => {
      const lineItem = order.lineItems.find((candidate) => candidate.id === item.lineItemId)!;
      return {
        id: num(item.id),
        quantity: item.quantity,
        line_item_id: num(item.lineItemId),
        location_id: num(item.locationId),
        restock_type: item.restockType.toLowerCase(),
        subtotal: formatCents(item.subtotalCents),
        total_tax: formatCents(item.taxCents),
        subtotal_set: set(item.subtotalCents, order),
        total_tax_set: set(item.taxCents, order),
        line_item: lineItemPayload(order, lineItem),
      };
    }),
    transactions: refund.transactions.map((transaction) => transactionPayload(order, transaction)),
    order_adjustments: [],
  };
}

export function orderPayload(shop: SimulatedShop, order: OrderRecord) {
  const totals = orderTotals(order);
  const customer = order.customerId ? shop.customers.byId(order.customerId) : undefined;
  const status = fulfillmentStatus(order);
  return {
    id: num(order.id),
    admin_graphql_api_id: gid("Order", order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: customer?.acceptsMarketing ?? false,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: iso(order.cancelledAt),
    cart_token: order.cartToken,
    checkout_id: null,
    checkout_token: null,
    closed_at: iso(order.closedAt),
    confirmation_number: order.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: order.email,
    created_at: iso(order.createdAt),
    currency: order.currency,
    current_subtotal_price: formatCents(totals.subtotalCents),
    current_subtotal_price_set: set(totals.subtotalCents, order),
    current_total_discounts: formatCents(totals.discountCents),
    current_total_discounts_set: set(totals.discountCents, order),
    current_total_price: formatCents(totals.totalCents - totals.refundedCents),
    current_total_price_set: set(totals.totalCents - totals.refundedCents, order),
    current_total_tax: formatCents(totals.taxCents),
    current_total_tax_set: set(totals.taxCents, order),
    customer_locale: "en",
    discount_codes: order.discountCodes.map((code) => ({
      code: code.code,
      amount: formatCents(code.amountCents),
      type: code.type,
    })),
    discount_applications: order.discountCodes.map((code) => ({
      target_type: "line_item",
      type: "discount_code",
      value: "10.0",
      value_type: "percentage",
      allocation_method: "across",
      target_selection: "all",
      code: code.code,
    })),
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: status === "FULFILLED" ? "fulfilled" : status === "PARTIALLY_FULFILLED" ? "partial" : null,
    name: order.name,
    note: order.note,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.token}/authenticate`,
    payment_gateway_names: [...new Set(order.transactions.map((t) => t.gateway))],
    phone: order.phone,
    presentment_currency: order.presentmentCurrency,
    processed_at: iso(order.processedAt),
    source_name: order.sourceName,
    subtotal_price: formatCents(totals.subtotalCents),
    subtotal_price_set: set(totals.subtotalCents, order),
    tags: order.tags.join(", "),
    tax_lines: totals.taxCents
      ? [
          {
            title: "Sales tax",
            price: formatCents(totals.taxCents),
            rate: order.taxRate,
            price_set: set(totals.taxCents, order),
            channel_liable: false,
          },
        ]
      : [],
    taxes_included: false,
    test: false,
    token: order.token,
    total_discounts: formatCents(totals.discountCents),
    total_discounts_set: set(totals.discountCents, order),
    total_line_items_price: formatCents(totals.lineItemsCents),
    total_line_items_price_set: set(totals.lineItemsCents, order),
    total_outstanding: formatCents(order.financialStatus === "AUTHORIZED" ? totals.totalCents : 0),
    total_price: formatCents(totals.totalCents),
    total_price_set: set(totals.totalCents, order),
    total_shipping_price_set: set(totals.shippingCents, order),
    total_tax: formatCents(totals.taxCents),
    total_tax_set: set(totals.taxCents, order),
    total_tip_received: "0.00",
    total_weight: order.lineItems.reduce((sum, item) => sum + item.grams * item.quantity, 0),
    updated_at: iso(order.updatedAt),
    user_id: null,
    billing_address: addressPayload(order.billingAddress),
    customer: customer ? customerSummary(shop, customer) : null,
    fulfillments: fulfillmentPayloads(order),
    line_items: order.lineItems.map((item) => lineItemPayload(order, item)),
    payment_terms: null,
    refunds: order.refunds.map((refund) => refundPayload(order, refund)),
    shipping_address: addressPayload(order.shippingAddress),
    shipping_lines: order.shippingCents
      ? [
          {
            id: num(order.id),
            title: "Standard",
            code: "Standard",
            source: "shopify",
            price: formatCents(order.shippingCents),
            price_set: set(order.shippingCents, order),
            discounted_price: formatCents(order.shippingCents),
            discounted_price_set: set(order.shippingCents, order),
            tax_lines: [],
            discount_allocations: [],
          },
        ]
      : [],
  };
}

export function fulfillmentPayloads(order: OrderRecord) {
  return order.fulfillments.map((fulfillment) => ({
    id: num(fulfillment.id),
    admin_graphql_api_id: gid("Fulfillment", fulfillment.id),
    order_id: num(order.id),
    status: fulfillment.status.toLowerCase(),
    created_at: iso(fulfillment.createdAt),
    updated_at: iso(fulfillment.updatedAt),
    location_id: num(fulfillment.locationId),
    name: fulfillment.name,
    service: "manual",
    shipment_status: null,
    tracking_company: fulfillment.trackingCompany,
    tracking_number: fulfillment.trackingNumber,
    tracking_numbers: fulfillment.trackingNumber ? [fulfillment.trackingNumber] : [],
    tracking_url: null,
    tracking_urls: [],
    line_items: fulfillment.lineItems.map((entry) =>
      lineItemPayload(
        order,
        order.lineItems.find((item) => item.id === entry.lineItemId)!,
      ),
    ),
  }));
}

export function cartPayload(shop: SimulatedShop, cart: CartRecord) {
  const currency = { currency: shop.currency, presentmentCurrency: shop.currency, exchangeRate: 1 };
  return {
    id: cart.token,
    token: cart.token,
    line_items: cart.lineItems.map((item) => ({
      id: num(item.variantId),
      properties: {},
      quantity: item.quantity,
      variant_id: num(item.variantId),
      key: `${item.variantId}:${cart.token.slice(0, 32)}`,
      discounted_price: formatCents(item.priceCents),
      discounts: [],
      gift_card: false,
      grams: 0,
      line_price: formatCents(item.priceCents * item.quantity),
      original_line_price: formatCents(item.priceCents * item.quantity),
      original_price: formatCents(item.priceCents),
      price: formatCents(item.priceCents),
      product_id: num(item.productId),
      sku: item.sku,
      taxable: true,
      title: item.title,
      total_discount: "0.00",
      vendor: item.vendor,
      discounted_price_set: set(item.priceCents, currency),
      line_price_set: set(item.priceCents * item.quantity, currency),
      original_line_price_set: set(item.priceCents * item.quantity, currency),
      price_set: set(item.priceCents, currency),
      total_discount_set: set(0, currency),
    })),
    note: cart.note,
    updated_at: new Date(cart.updatedAt).toISOString(),
    created_at: new Date(cart.createdAt).toISOString(),
  };
}

export function shopPayload(shop: SimulatedShop) {
  return {
    id: num(shop.id),
    name: shop.name,
    email: `owner@${shop.domain}`,
    domain: shop.domain,
    myshopify_domain: shop.domain,
    currency: shop.currency,
    iana_timezone: shop.timezone,
    timezone: `(GMT-05:00) ${shop.timezone}`,
    plan_display_name: shop.plan,
    plan_name: shop.plan.toLowerCase(),
    country_code: "US",
    country_name: "United States",
    created_at: iso(shop.createdAt),
    updated_at: iso(shop.createdAt),
    customer_email: `owner@${shop.domain}`,
    shop_owner: "Simulated Owner",
    money_format: "${{amount}}",
    weight_unit: "kg",
    taxes_included: false,
    tax_shipping: null,
    has_storefront: true,
    setup_required: false,
    enabled_presentment_currencies: [shop.currency],
    primary_location_id: num(shop.locations.at(0)?.id),
    multi_location_enabled: true,
  };
}
