// Deterministic, lazy generation of a fake shop's history. Every record is a
// pure function of (seed, index): nothing is precomputed, so a shop with a
// million orders costs no more memory than one with ten.
import { en } from "@faker-js/faker";
import { shopifyId, type ResourceName } from "../ids";
import { Random } from "../random";
import type {
  AddressRecord,
  CartRecord,
  CustomerRecord,
  FinancialStatus,
  FulfillmentRecord,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
  TransactionRecord,
  VariantRecord,
} from "./records";

export interface ShopCounts {
  locations: number;
  products: number;
  customers: number;
  orders: number;
  carts: number;
}

export interface GeneratorSpec {
  seed: string;
  slot: number;
  domain: string;
  currency: string;
  counts: ShopCounts;
  /** History ends here (ms since epoch) and spans `historyDays` before it. */
  asOf: number;
  historyDays: number;
  maxVariantsPerProduct: number;
}

/** Variants and line items get ids from their parent's index times this. */
export const CHILD_STRIDE = 100;
/** The k-th refund or fulfillment of order i has index k × CHILD_SERIES + i. */
export const CHILD_SERIES = 1_000_000_000_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const FIRST_NAMES = [...en.person!.first_name!.female!, ...en.person!.first_name!.male!];
const LAST_NAMES = en.person!.last_name!.generic!;
const CITIES = en.location!.city_name!;
const STREET_SUFFIXES = en.location!.street_suffix!;
const STATES = en.location!.state!;
const STATE_CODES = en.location!.state_abbr!;
const ADJECTIVES = en.commerce!.product_name!.adjective;
const MATERIALS = en.commerce!.product_name!.material;
const NOUNS = en.commerce!.product_name!.product;
const DEPARTMENTS = en.commerce!.department!;
const VENDOR_SUFFIXES = ["Goods", "Supply Co.", "Works", "Collective", "Trading"];
const SIZES = ["XS", "S", "M", "L", "XL"];
const COLORS = ["Black", "White", "Navy", "Olive", "Sand", "Red"];
const CUSTOMER_TAGS = ["vip", "wholesale", "newsletter", "returning"];
const PRESENTMENT_CURRENCIES = [
  { code: "EUR", rate: 0.92 },
  { code: "GBP", rate: 0.79 },
  { code: "CAD", rate: 1.37 },
  { code: "AUD", rate: 1.52 },
];
const CARRIERS = ["UPS", "USPS", "FedEx", "DHL Express"];

export class ShopGenerator {
  readonly start: number;
  private readonly span: number;

  constructor(readonly spec: GeneratorSpec) {
    this.span = spec.historyDays * DAY;
    this.start = spec.asOf - this.span;
  }

  id(resource: ResourceName, index: number): string {
    return shopifyId(this.spec.slot, resource, index);
  }

  private random(kind: string, index: number): Random {
    return Random.for(this.spec.seed, kind, index);
  }

  /** A point in the history, `fraction` of the way through it. */
  private at(fraction: number): number {
    return Math.floor(this.start + fraction * this.span);
  }

  location(index: number): LocationRecord {
    const random = this.random("location", index);
    const city = random.pick(CITIES);
    const state = random.int(0, STATES.length - 1);
    return {
      id: this.id("Location", index),
      name: index === 0 ? "Main warehouse" : `${city} store`,
      address: {
        address1: `${random.int(1, 9999)} ${random.pick(LAST_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
        address2: null,
        city,
        province: STATES[state]!,
        provinceCode: STATE_CODES[state]!,
        country: "United States",
        countryCode: "US",
        zip: String(random.int(10000, 99999)),
        phone: null,
      },
      isActive: true,
      createdAt: this.start,
      updatedAt: this.start,
    };
  }

  variantCount(productIndex: number): number {
    return this.random("variant-count", productIndex).int(1, this.spec.maxVariantsPerProduct);
  }

  product(index: number): ProductRecord {
    const random = this.random("product", index);
    const title = `${random.pick(ADJECTIVES)} ${random.pick(MATERIALS)} ${random.pick(NOUNS)}`;
    const id = this.id("Product", index);
    const createdAt = this.at(0.1 * (index / Math.max(1, this.spec.counts.products)));
    const updatedAt = Math.min(this.spec.asOf, createdAt + random.int(0, 60) * DAY);
    const variantCount = this.variantCount(index);
    const useSizes = variantCount > 1;
    const basePrice = random.int(5, 250) * 100 - (random.chance(0.6) ? 1 : 0);
    const variants: VariantRecord[] = [];
    for (let v = 0; v < variantCount; v += 1) {
      const childIndex = index * CHILD_STRIDE + v;
      const option = useSizes ? SIZES[v % SIZES.length]! : "Default Title";
      const color = useSizes && v >= SIZES.length ? COLORS[Math.floor(v / SIZES.length) % COLORS.length]! : null;
      const options = color ? [option, color] : [option];
      variants.push({
        id: this.id("ProductVariant", childIndex),
        productId: id,
        position: v + 1,
        title: options.join(" / "),
        sku: `SKU-${index}-${v}`,
        barcode: random.chance(0.5) ? String(random.int(100000000, 999999999)) : null,
        priceCents: basePrice + (v % 3) * 500,
        compareAtPriceCents: random.chance(0.25) ? basePrice + 1000 : null,
        options,
        inventoryItemId: this.id("InventoryItem", childIndex),
        inventoryPolicy: random.chance(0.1) ? "CONTINUE" : "DENY",
        taxable: true,
        grams: random.int(50, 3000),
        costCents: Math.floor(basePrice * 0.45),
        createdAt,
        updatedAt,
      });
    }
    const optionNames = variants.some((variant) => variant.options.length > 1)
      ? ["Size", "Color"]
      : useSizes
        ? ["Size"]
        : ["Title"];
    return {
      id,
      title,
      handle: `${title.toLowerCase().replaceAll(" ", "-")}-${index}`,
      bodyHtml: `<p>${title}, made to last.</p>`,
      vendor: `${random.pick(LAST_NAMES)} ${random.pick(VENDOR_SUFFIXES)}`,
      productType: random.pick(DEPARTMENTS),
      status: random.chance(0.9) ? "ACTIVE" : random.chance(0.5) ? "DRAFT" : "ARCHIVED",
      tags: random.chance(0.4) ? [random.pick(["new", "sale", "bestseller", "limited"])] : [],
      options: optionNames.map((name, position) => ({
        id: this.id("Product", index) + String(position),
        name,
        position: position + 1,
        values: [...new Set(variants.map((variant) => variant.options[position]!).filter(Boolean))],
      })),
      variants,
      createdAt,
      updatedAt,
      publishedAt: createdAt,
    };
  }

  /** Units on hand of one variant's inventory item at one location; null when not stocked there. */
  inventoryAvailable(variantIndex: number, locationIndex: number): number | null {
    const random = Random.for(this.spec.seed, "inventory", variantIndex, locationIndex);
    if (locationIndex > 0 && random.chance(0.3)) return null;
    return random.int(0, 150);
  }

  address(random: Random, index: number, firstName: string, lastName: string): AddressRecord {
    const state = random.int(0, STATES.length - 1);
    return {
      id: this.id("MailingAddress", index),
      firstName,
      lastName,
      company: random.chance(0.15) ? `${random.pick(LAST_NAMES)} ${random.pick(["LLC", "Inc", "Group"])}` : null,
      address1: `${random.int(1, 9999)} ${random.pick(LAST_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
      address2: random.chance(0.2) ? `Apt ${random.int(1, 400)}` : null,
      city: random.pick(CITIES),
      province: STATES[state]!,
      provinceCode: STATE_CODES[state]!,
      country: "United States",
      countryCode: "US",
      zip: String(random.int(10000, 99999)),
      phone: random.chance(0.5) ? `+1${random.int(2000000000, 9899999999)}` : null,
    };
  }

  customer(index: number): CustomerRecord {
    const random = this.random("customer", index);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const createdAt = this.at(0.95 * (index / Math.max(1, this.spec.counts.customers)));
    const addressCount = random.chance(0.2) ? 2 : 1;
    const addresses = Array.from({ length: addressCount }, (_, k) =>
      this.address(random, index * 2 + k, firstName, lastName),
    );
    return {
      id: this.id("Customer", index),
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
      phone: random.chance(0.4) ? `+1${random.int(2000000000, 9899999999)}` : null,
      state: random.chance(0.7) ? "ENABLED" : random.chance(0.8) ? "DISABLED" : "INVITED",
      tags: random.chance(0.3) ? [random.pick(CUSTOMER_TAGS)] : [],
      note: null,
      verifiedEmail: random.chance(0.9),
      acceptsMarketing: random.chance(0.4),
      taxExempt: random.chance(0.02),
      addresses,
      createdAt,
      updatedAt: Math.min(this.spec.asOf, createdAt + random.int(0, 90) * DAY),
    };
  }

  /** Which customer placed order `index` (undefined for a guest checkout); cheap, no full order built. */
  customerIndexForOrder(index: number): number | undefined {
    const { customers, orders } = this.spec.counts;
    if (customers === 0) return undefined;
    const random = this.random("order-customer", index);
    if (random.chance(0.12)) return undefined;
    // Only customers who existed by then; earlier ones come back more often.
    const fraction = (index + 1) / Math.max(1, orders);
    const eligible = Math.max(1, Math.min(customers, Math.ceil(customers * fraction)));
    return random.skewed(eligible, 1.7);
  }

  orderProcessedAt(index: number): number {
    const random = this.random("order-time", index);
    return this.at((index + random.next()) / Math.max(1, this.spec.counts.orders));
  }

  order(index: number): OrderRecord {
    const random = this.random("order", index);
    const processedAt = this.orderProcessedAt(index);
    const customerIndex = this.customerIndexForOrder(index);
    const customer = customerIndex === undefined ? undefined : this.customer(customerIndex);
    const guestName = { first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) };
    const firstName = customer?.firstName ?? guestName.first;
    const lastName = customer?.lastName ?? guestName.last;
    const address = customer?.addresses[0] ?? this.address(random, 1_000_000 + index, firstName, lastName);
    const presentment = random.chance(0.15) ? random.pick(PRESENTMENT_CURRENCIES) : undefined;
    const taxRate = random.pick([0, 0.05, 0.0725, 0.08, 0.1]);
    const lineItems = this.lineItems(random, index, processedAt);
    const discount = random.chance(0.2)
      ? { code: random.pick(["WELCOME10", "SAVE10", "VIP15"]), percent: 10 }
      : undefined;
    if (discount) allocateDiscount(lineItems, discount.percent);
    for (const item of lineItems) {
      item.taxCents = item.taxable ? Math.round((item.priceCents * item.quantity - item.discountCents) * taxRate) : 0;
    }
    const discountCents = lineItems.reduce((sum, item) => sum + item.discountCents, 0);
    const shippingCents = random.chance(0.3) ? 0 : random.pick([499, 799, 1299]);
    const cancelled = random.chance(0.03);
    const refunded = !cancelled && random.chance(0.06);
    const pending = !cancelled && !refunded && random.chance(0.03);
    const age = this.spec.asOf - processedAt;
    const fulfilled = !cancelled && !pending && age > 3 * DAY && random.chance(0.92);
    const id = this.id("Order", index);
    const number = 1001 + index;
    const totalCents =
      lineItems.reduce((sum, item) => sum + item.priceCents * item.quantity + item.taxCents, 0) -
      discountCents +
      shippingCents;
    const gateway = random.pick(["shopify_payments", "shopify_payments", "paypal", "manual"]);
    const transactions: TransactionRecord[] = [
      {
        id: this.id("OrderTransaction", index * 4),
        kind: pending ? "AUTHORIZATION" : "SALE",
        status: "SUCCESS",
        gateway,
        amountCents: totalCents,
        createdAt: processedAt,
        parentId: null,
      },
    ];
    let updatedAt = processedAt + random.int(1, 120) * 60_000;
    const fulfillments: FulfillmentRecord[] = [];
    if (fulfilled) {
      const at = Math.min(this.spec.asOf, processedAt + random.int(4, 72) * HOUR);
      fulfillments.push({
        id: this.id("Fulfillment", index),
        name: `#${number}.1`,
        status: "SUCCESS",
        locationId: this.id("Location", 0),
        trackingCompany: random.pick(CARRIERS),
        trackingNumber: `1Z${random.hex(16).toUpperCase()}`,
        lineItems: lineItems
          .filter((item) => item.requiresShipping)
          .map((item) => ({ lineItemId: item.id, quantity: item.quantity })),
        createdAt: at,
        updatedAt: at,
      });
      updatedAt = Math.max(updatedAt, at);
    }
    const refunds: RefundRecord[] = [];
    let financialStatus: FinancialStatus = pending ? "AUTHORIZED" : "PAID";
    let cancelledAt: number | null = null;
    if (cancelled) {
      cancelledAt = Math.min(this.spec.asOf, processedAt + random.int(1, 48) * HOUR);
      refunds.push(this.refund(index, lineItems, lineItems, cancelledAt, "CANCEL", gateway, transactions[0]!.id));
      financialStatus = "REFUNDED";
      updatedAt = Math.max(updatedAt, cancelledAt);
    } else if (refunded) {
      const at = Math.min(this.spec.asOf, processedAt + random.int(2, 30) * DAY);
      const returned = lineItems.length > 1 && random.chance(0.5) ? [lineItems[0]!] : lineItems;
      refunds.push(this.refund(index, lineItems, returned, at, "RETURN", gateway, transactions[0]!.id));
      financialStatus = returned.length === lineItems.length ? "REFUNDED" : "PARTIALLY_REFUNDED";
      updatedAt = Math.max(updatedAt, at);
    }
    return {
      id,
      number,
      name: `#${number}`,
      token: random.hex(32),
      email: customer?.email ?? `${guestName.first}.${guestName.last}.guest${index}@example.com`.toLowerCase(),
      phone: null,
      customerId: customer?.id ?? null,
      currency: this.spec.currency,
      presentmentCurrency: presentment?.code ?? this.spec.currency,
      exchangeRate: presentment?.rate ?? 1,
      lineItems,
      discountCodes: discount ? [{ code: discount.code, amountCents: discountCents, type: "percentage" as const }] : [],
      shippingCents,
      taxRate,
      financialStatus,
      cancelledAt,
      cancelReason: cancelled ? random.pick(["CUSTOMER", "INVENTORY", "FRAUD", "DECLINED"] as const) : null,
      closedAt: fulfilled || cancelled ? Math.min(this.spec.asOf, updatedAt) : null,
      note: random.chance(0.05) ? "Please gift wrap." : null,
      tags: random.chance(0.1) ? ["priority"] : [],
      sourceName: random.pick(["web", "web", "web", "pos", "shopify_draft_order"]),
      billingAddress: address,
      shippingAddress: address,
      transactions,
      refunds,
      fulfillments,
      cartToken: random.chance(0.8) ? random.hex(32) : null,
      createdAt: processedAt,
      updatedAt: Math.min(this.spec.asOf, updatedAt),
      processedAt,
    };
  }

  private lineItems(random: Random, orderIndex: number, processedAt: number): LineItemRecord[] {
    const { products } = this.spec.counts;
    const count = products === 0 ? 1 : random.pick([1, 1, 1, 2, 2, 3, 4]);
    const items: LineItemRecord[] = [];
    // Products launched by then; the popular ones sell most.
    const launched = Math.max(
      1,
      Math.min(products, Math.ceil(products * Math.min(1, (processedAt - this.start) / (0.1 * this.span)))),
    );
    for (let k = 0; k < count; k += 1) {
      const id = this.id("LineItem", orderIndex * CHILD_STRIDE + k);
      if (products === 0) {
        items.push(customItem(id, random));
        continue;
      }
      const product = this.product(random.skewed(launched, 1.5));
      items.push(variantLineItem(id, product, random.pick(product.variants), random.pick([1, 1, 1, 2, 3])));
    }
    return items;
  }

  private refund(
    orderIndex: number,
    allItems: LineItemRecord[],
    returned: LineItemRecord[],
    at: number,
    restockType: "RETURN" | "CANCEL",
    gateway: string,
    parentTransactionId: string,
  ): RefundRecord {
    const lineItems = returned.map((item) => ({
      id: this.id("RefundLineItem", orderIndex * CHILD_STRIDE + allItems.indexOf(item)),
      lineItemId: item.id,
      quantity: item.quantity,
      subtotalCents: item.priceCents * item.quantity - item.discountCents,
      taxCents: item.taxCents,
      restockType,
      locationId: this.id("Location", 0),
    }));
    const amountCents = lineItems.reduce((sum, item) => sum + item.subtotalCents + item.taxCents, 0);
    return {
      id: this.id("Refund", orderIndex),
      note: restockType === "CANCEL" ? "Order cancelled" : "Returned by customer",
      createdAt: at,
      lineItems,
      transactions: [
        {
          id: this.id("OrderTransaction", orderIndex * 4 + 1),
          kind: "REFUND",
          status: "SUCCESS",
          gateway,
          amountCents,
          createdAt: at,
          parentId: parentTransactionId,
        },
      ],
    };
  }

  cart(index: number): CartRecord {
    const random = this.random("cart", index);
    const createdAt = this.at(0.9 + 0.1 * random.next());
    const lineItems: CartRecord["lineItems"] = [];
    const products = this.spec.counts.products;
    for (let k = 0; products > 0 && k < random.int(1, 3); k += 1) {
      const product = this.product(random.skewed(products, 1.5));
      lineItems.push(cartLine(product, random.pick(product.variants), random.int(1, 3)));
    }
    return {
      id: random.hex(32),
      token: random.hex(32),
      note: null,
      lineItems,
      createdAt,
      updatedAt: createdAt + random.int(1, 600) * 1000,
    };
  }
}

/** A line item buying `quantity` of a variant at its current price; tax and discounts are set by the order. */
export function variantLineItem(
  id: string,
  product: ProductRecord,
  variant: VariantRecord,
  quantity: number,
): LineItemRecord {
  return {
    id,
    productId: product.id,
    variantId: variant.id,
    title: product.title,
    variantTitle: variant.title === "Default Title" ? null : variant.title,
    sku: variant.sku,
    vendor: product.vendor,
    quantity,
    priceCents: variant.priceCents,
    discountCents: 0,
    taxCents: 0,
    grams: variant.grams,
    requiresShipping: true,
    taxable: variant.taxable,
  };
}

/** A cart line: carts key their lines by variant. */
export function cartLine(
  product: ProductRecord,
  variant: VariantRecord,
  quantity: number,
): CartRecord["lineItems"][number] {
  return {
    id: variant.id,
    productId: product.id,
    variantId: variant.id,
    title: product.title,
    sku: variant.sku,
    vendor: product.vendor,
    quantity,
    priceCents: variant.priceCents,
  };
}

function customItem(id: string, random: Random): LineItemRecord {
  return {
    id,
    productId: null,
    variantId: null,
    title: "Custom item",
    variantTitle: null,
    sku: null,
    vendor: null,
    quantity: 1,
    priceCents: random.int(5, 100) * 100,
    discountCents: 0,
    taxCents: 0,
    grams: 0,
    requiresShipping: false,
    taxable: true,
  };
}

/** Spread an order-level percentage discount over its lines; rounding goes to the last line. */
function allocateDiscount(items: LineItemRecord[], percent: number): void {
  const total = items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
  const discount = Math.round((total * percent) / 100);
  let allocated = 0;
  items.forEach((item, k) => {
    const share =
      k === items.length - 1 ? discount - allocated : Math.round((discount * item.priceCents * item.quantity) / total);
    item.discountCents = share;
    allocated += share;
  });
}
