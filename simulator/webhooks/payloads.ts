// REST-style webhook bodies, shaped like Shopify's API 2026-07 samples
// (checked by fidelity.ts): snake_case, numeric ids, admin_graphql_api_id,
// money as decimal strings and *_set money bags, timestamps to the second in
// the shop's zone. Ids above 2^53 must stay exact, so they are written as
// JSON numbers by serializePayload() rather than through JavaScript numbers.
import { gid } from "../ids";
import { formatCents, orderTotals, toPresentment } from "../shop/order-totals";
import type {
  AddressRecord,
  CartRecord,
  CustomerRecord,
  InventoryLevelRecord,
  LineItemRecord,
  LocationRecord,
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

const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * A REST timestamp as Shopify writes one: whole seconds, in the shop's time
 * zone with its offset (2026-03-01T09:30:00-05:00).
 */
export function restTime(ms: number, timeZone: string): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  let format = ZONE_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    ZONE_FORMATS.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(seconds).map(({ type, value }) => [type, value]));
  const wall = Date.UTC(+part.year!, +part.month! - 1, +part.day!, +part.hour!, +part.minute!, +part.second!);
  const offset = Math.round((wall - seconds) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${sign}${hours}:${minutes}`;
}

function iso(ms: number | null, timeZone: string): string | null {
  return ms === null ? null : restTime(ms, timeZone);
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
    zip: address.zip,
    phone: address.phone,
    // Shopify geocodes order addresses; a customer's address book carries the country's name instead.
    ...(customerId ? { country_name: address.country, default: false } : { latitude: null, longitude: null }),
  };
}

function variantPayload(shop: SimulatedShop, product: ProductRecord, variant: VariantRecord) {
  const zone = shop.timezone;
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
    created_at: iso(variant.createdAt, zone),
    updated_at: iso(variant.updatedAt, zone),
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
  const zone = shop.timezone;
  return {
    admin_graphql_api_id: gid("Product", product.id),
    body_html: product.bodyHtml,
    created_at: iso(product.createdAt, zone),
    handle: product.handle,
    id: num(product.id),
    product_type: product.productType,
    published_at: iso(product.publishedAt, zone),
    template_suffix: null,
    title: product.title,
    updated_at: iso(product.updatedAt, zone),
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
  const zone = shop.timezone;
  return {
    id: num(variant.inventoryItemId),
    sku: variant.sku,
    created_at: iso(variant.createdAt, zone),
    updated_at: iso(variant.updatedAt, zone),
    requires_shipping: true,
    cost: formatCents(variant.costCents),
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    tracked: true,
    country_harmonized_system_codes: [],
    weight_value: variant.grams,
    weight_unit: "g",
    admin_graphql_api_id: gid("InventoryItem", variant.inventoryItemId),
  };
}

/** inventory_items/delete: the item's identity and its customs fields, as Shopify sends them. */
export function deletedInventoryItemPayload(inventoryItemId: string) {
  return {
    id: num(inventoryItemId),
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: gid("InventoryItem", inventoryItemId),
  };
}

export function inventoryLevelPayload(level: InventoryLevelRecord, zone: string) {
  return {
    inventory_item_id: num(level.inventoryItemId),
    location_id: num(level.locationId),
    available: level.available,
    updated_at: iso(level.updatedAt, zone),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.inventoryItemId}`,
  };
}

/** The customer fields every payload that embeds a customer carries. */
function customerSummary(shop: SimulatedShop, customer: CustomerRecord) {
  const zone = shop.timezone;
  return {
    id: num(customer.id),
    email: customer.email,
    created_at: iso(customer.createdAt, zone),
    updated_at: iso(customer.updatedAt, zone),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt,
    phone: customer.phone,
    currency: shop.currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", customer.id),
    default_address: customer.addresses[0]
      ? { ...addressPayload(customer.addresses[0], customer.id), default: true }
      : null,
  };
}

/**
 * customers/create|update|enable|disable as of API 2026-07: the customer and
 * its address book. Shopify no longer sends order statistics, tags or
 * marketing consent here (the Admin API has them).
 */
export function customerPayload(shop: SimulatedShop, customer: CustomerRecord) {
  return {
    ...customerSummary(shop, customer),
    addresses: customer.addresses.map((address, k) => ({ ...addressPayload(address, customer.id), default: k === 0 })),
  };
}

/** The short form Shopify sends for customers/delete. */
export function deletedCustomerPayload(customer: CustomerRecord) {
  return {
    id: num(customer.id),
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", customer.id),
  };
}

/** The staff member a POS sale is attributed to (every simulated shop has one). */
const POS_STAFF = gid("StaffMember", "902541635");

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
    attributed_staffs: order.sourceName === "pos" ? [{ id: POS_STAFF, quantity: item.quantity }] : [],
    sales_line_item_group_id: null,
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

function transactionPayload(order: OrderRecord, transaction: TransactionRecord, zone: string) {
  return {
    id: num(transaction.id),
    order_id: num(order.id),
    kind: transaction.kind.toLowerCase(),
    gateway: transaction.gateway,
    status: transaction.status.toLowerCase(),
    message: null,
    created_at: iso(transaction.createdAt, zone),
    test: false,
    authorization: null,
    location_id: null,
    user_id: null,
    parent_id: num(transaction.parentId),
    processed_at: iso(transaction.createdAt, zone),
    device_id: null,
    error_code: null,
    source_name: "web",
    receipt: {},
    amount: formatCents(transaction.amountCents),
    currency: order.currency,
    payment_id: `${order.token.slice(0, 20)}.${transaction.kind === "REFUND" ? 2 : 1}`,
    // Settled at once: nothing of it is still to be captured or paid out.
    total_unsettled_set: {
      presentment_money: { amount: "0.0", currency: order.presentmentCurrency },
      shop_money: { amount: "0.0", currency: order.currency },
    },
    manual_payment_gateway: transaction.gateway === "manual",
    amount_rounding: null,
    admin_graphql_api_id: gid("OrderTransaction", transaction.id),
  };
}

export function refundPayload(order: OrderRecord, refund: RefundRecord, zone: string) {
  return {
    id: num(refund.id),
    order_id: num(order.id),
    created_at: iso(refund.createdAt, zone),
    note: refund.note,
    user_id: null,
    processed_at: iso(refund.createdAt, zone),
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
        // JSON numbers here, unlike every other amount (Shopify's own refund payloads do this).
        subtotal: Number(formatCents(item.subtotalCents)),
        total_tax: Number(formatCents(item.taxCents)),
        subtotal_set: set(item.subtotalCents, order),
        total_tax_set: set(item.taxCents, order),
        line_item: lineItemPayload(order, lineItem),
      };
    }),
    transactions: refund.transactions.map((transaction) => transactionPayload(order, transaction, zone)),
    order_adjustments: [],
    refund_shipping_lines: [],
    return: null,
  };
}

/** The buyer's browser for an online order (documentation addresses, RFC 5737); none for POS or drafts. */
function clientDetails(order: OrderRecord) {
  if (order.sourceName !== "web") return null;
  const octet = (Number.parseInt(order.token.slice(0, 2), 16) % 254) + 1;
  return {
    accept_language: "en-US,en;q=0.9",
    browser_height: null,
    browser_ip: `203.0.113.${octet}`,
    browser_width: null,
    session_hash: null,
    user_agent:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  };
}

export function orderPayload(shop: SimulatedShop, order: OrderRecord) {
  const zone = shop.timezone;
  const totals = orderTotals(order);
  const customer = order.customerId ? shop.customers.byId(order.customerId) : undefined;
  const status = fulfillmentStatus(order);
  const client = clientDetails(order);
  return {
    id: num(order.id),
    admin_graphql_api_id: gid("Order", order.id),
    app_id: null,
    browser_ip: client?.browser_ip ?? null,
    buyer_accepts_marketing: customer?.acceptsMarketing ?? false,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: iso(order.cancelledAt, zone),
    cart_token: order.cartToken,
    checkout_token: null,
    client_details: client,
    closed_at: iso(order.closedAt, zone),
    confirmation_number: order.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: order.email,
    created_at: iso(order.createdAt, zone),
    currency: order.currency,
    current_shipping_price_set: set(order.shippingCents, order),
    current_subtotal_price: formatCents(totals.subtotalCents),
    current_subtotal_price_set: set(totals.subtotalCents, order),
    current_total_discounts: formatCents(totals.discountCents),
    current_total_discounts_set: set(totals.discountCents, order),
    current_total_additional_fees_set: null,
    current_total_duties_set: null,
    current_total_price: formatCents(totals.totalCents - totals.refundedCents),
    current_total_price_set: set(totals.totalCents - totals.refundedCents, order),
    current_total_tax: formatCents(totals.taxCents),
    current_total_tax_set: set(totals.taxCents, order),
    customer_locale: "en",
    device_id: null,
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
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: status === "FULFILLED" ? "fulfilled" : status === "PARTIALLY_FULFILLED" ? "partial" : null,
    landing_site: client ? "/" : null,
    landing_site_ref: null,
    line_item_groups: [],
    location_id: order.sourceName === "pos" ? num(shop.locations.at(0)?.id) : null,
    merchant_business_entity_id: Buffer.from(shop.id).toString("base64url"),
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.token}/authenticate`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: [...new Set(order.transactions.map((t) => t.gateway))],
    phone: order.phone,
    po_number: null,
    presentment_currency: order.presentmentCurrency,
    processed_at: iso(order.processedAt, zone),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
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
    tax_exempt: customer?.taxExempt ?? false,
    taxes_included: false,
    test: false,
    token: order.token,
    total_cash_rounding_payment_adjustment_set: set(0, order),
    total_cash_rounding_refund_adjustment_set: set(0, order),
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
    updated_at: iso(order.updatedAt, zone),
    user_id: null,
    billing_address: addressPayload(order.billingAddress),
    customer: customer ? customerSummary(shop, customer) : null,
    fulfillments: fulfillmentPayloads(order, zone),
    line_items: order.lineItems.map((item) => lineItemPayload(order, item)),
    payment_terms: null,
    refunds: order.refunds.map((refund) => refundPayload(order, refund, zone)),
    returns: [],
    shipping_address: addressPayload(order.shippingAddress),
    shipping_lines: order.shippingCents
      ? [
          {
            id: num(order.id),
            carrier_identifier: null,
            code: "Standard",
            current_discounted_price_set: set(order.shippingCents, order),
            discounted_price: formatCents(order.shippingCents),
            discounted_price_set: set(order.shippingCents, order),
            is_removed: false,
            phone: null,
            price: formatCents(order.shippingCents),
            price_set: set(order.shippingCents, order),
            requested_fulfillment_service_id: null,
            source: "shopify",
            title: "Standard",
            tax_lines: [],
            discount_allocations: [],
          },
        ]
      : [],
  };
}

/** Where each carrier's tracking page is, as Shopify links them. */
const TRACKING_URLS: Record<string, (number: string) => string> = {
  UPS: (number) => `https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=${number}`,
  USPS: (number) => `https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1=${number}`,
  FedEx: (number) => `https://www.fedex.com/fedextrack/?trknbr=${number}`,
};

export function fulfillmentPayloads(order: OrderRecord, zone: string) {
  return order.fulfillments.map((fulfillment) => {
    const tracking =
      fulfillment.trackingNumber && fulfillment.trackingCompany && TRACKING_URLS[fulfillment.trackingCompany]
        ? TRACKING_URLS[fulfillment.trackingCompany]!(fulfillment.trackingNumber)
        : null;
    return {
      id: num(fulfillment.id),
      admin_graphql_api_id: gid("Fulfillment", fulfillment.id),
      order_id: num(order.id),
      status: fulfillment.status.toLowerCase(),
      created_at: iso(fulfillment.createdAt, zone),
      updated_at: iso(fulfillment.updatedAt, zone),
      location_id: num(fulfillment.locationId),
      name: fulfillment.name,
      service: "manual",
      shipment_status: null,
      tracking_company: fulfillment.trackingCompany,
      tracking_number: fulfillment.trackingNumber,
      tracking_numbers: fulfillment.trackingNumber ? [fulfillment.trackingNumber] : [],
      tracking_url: tracking,
      tracking_urls: tracking ? [tracking] : [],
      destination: addressPayload(order.shippingAddress),
      email: order.email,
      origin_address: null,
      receipt: {},
      line_items: fulfillment.lineItems.map((entry) =>
        lineItemPayload(
          order,
          order.lineItems.find((item) => item.id === entry.lineItemId)!,
        ),
      ),
    };
  });
}

export function cartPayload(shop: SimulatedShop, cart: CartRecord) {
  const currency = { currency: shop.currency, presentmentCurrency: shop.currency, exchangeRate: 1 };
  return {
    id: cart.token,
    token: cart.token,
    line_items: cart.lineItems.map((item) => ({
      id: num(item.variantId),
      parent_relationship: null,
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

/** The shop object of shop/update and app/uninstalled: settings, address, formats and flags. */
export function shopPayload(shop: SimulatedShop) {
  const zone = shop.timezone;
  const location = shop.locations.at(0);
  const money = CURRENCY_SYMBOLS[shop.currency] ?? "";
  return {
    id: num(shop.id),
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: location?.address.province ?? null,
    country: location?.address.countryCode ?? "US",
    address1: location?.address.address1 ?? null,
    zip: location?.address.zip ?? null,
    city: location?.address.city ?? null,
    source: null,
    phone: location?.address.phone ?? null,
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: location?.address.address2 ?? null,
    created_at: iso(shop.createdAt, zone),
    updated_at: iso(shop.updatedAt, zone),
    country_code: location?.address.countryCode ?? "US",
    country_name: location?.address.country ?? "United States",
    currency: shop.currency,
    customer_email: shop.email,
    timezone: `(GMT-05:00) ${shop.timezone}`,
    iana_timezone: shop.timezone,
    shop_owner: "Simulated Owner",
    money_format: `${money}{{amount}}`,
    money_with_currency_format: `${money}{{amount}} ${shop.currency}`,
    weight_unit: "kg",
    province_code: location?.address.provinceCode ?? null,
    taxes_included: false,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: shop.plan,
    plan_name: shop.plan.toLowerCase(),
    has_discounts: true,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: `${money}{{amount}}`,
    money_with_currency_in_emails_format: `${money}{{amount}} ${shop.currency}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: num(location?.id),
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currency],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}

const CURRENCY_SYMBOLS: Record<string, string> = { USD: "$", CAD: "$", AUD: "$", EUR: "€", GBP: "£", JPY: "¥" };

export function locationPayload(location: LocationRecord, zone: string) {
  return {
    id: num(location.id),
    name: location.name,
    address1: location.address.address1,
    address2: location.address.address2,
    city: location.address.city,
    zip: location.address.zip,
    province: location.address.province,
    country: location.address.countryCode,
    phone: location.address.phone,
    created_at: iso(location.createdAt, zone),
    updated_at: iso(location.updatedAt, zone),
    country_code: location.address.countryCode,
    country_name: location.address.country,
    province_code: location.address.provinceCode,
    legacy: false,
    active: location.isActive,
    admin_graphql_api_id: gid("Location", location.id),
  };
}
