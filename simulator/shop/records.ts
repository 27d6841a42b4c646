// The simulator's own model of a shop's data: camelCase, money in integer
// cents, ids as decimal strings. Admin GraphQL views and REST webhook payloads
// are both rendered from these records.

export interface AddressRecord {
  id: string;
  firstName: string;
  lastName: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  country: string;
  countryCode: string;
  zip: string;
  phone: string | null;
}

export interface LocationRecord {
  id: string;
  name: string;
  address: Omit<AddressRecord, "id" | "firstName" | "lastName" | "company">;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface VariantRecord {
  id: string;
  productId: string;
  position: number;
  title: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  compareAtPriceCents: number | null;
  options: string[];
  inventoryItemId: string;
  inventoryPolicy: "DENY" | "CONTINUE";
  taxable: boolean;
  grams: number;
  costCents: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  bodyHtml: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  tags: string[];
  options: { id: string; name: string; position: number; values: string[] }[];
  variants: VariantRecord[];
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

export interface InventoryLevelRecord {
  inventoryItemId: string;
  locationId: string;
  available: number;
  updatedAt: number;
}

export interface CustomerRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  state: "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";
  tags: string[];
  note: string | null;
  verifiedEmail: boolean;
  acceptsMarketing: boolean;
  taxExempt: boolean;
  addresses: AddressRecord[];
  createdAt: number;
  updatedAt: number;
}

export interface LineItemRecord {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  priceCents: number;
  discountCents: number;
  taxCents: number;
  grams: number;
  requiresShipping: boolean;
  taxable: boolean;
}

export interface TransactionRecord {
  id: string;
  kind: "SALE" | "REFUND" | "VOID" | "AUTHORIZATION" | "CAPTURE";
  status: "SUCCESS" | "PENDING" | "FAILURE";
  gateway: string;
  amountCents: number;
  createdAt: number;
  parentId: string | null;
}

export interface RefundRecord {
  id: string;
  note: string | null;
  createdAt: number;
  lineItems: {
    id: string;
    lineItemId: string;
    quantity: number;
    subtotalCents: number;
    taxCents: number;
    restockType: "NO_RESTOCK" | "RETURN" | "CANCEL";
    locationId: string | null;
  }[];
  transactions: TransactionRecord[];
}

export interface FulfillmentRecord {
  id: string;
  name: string;
  status: "SUCCESS" | "CANCELLED";
  locationId: string;
  trackingCompany: string | null;
  trackingNumber: string | null;
  lineItems: { lineItemId: string; quantity: number }[];
  createdAt: number;
  updatedAt: number;
}

export type FinancialStatus = "PENDING" | "PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "VOIDED" | "AUTHORIZED";

export interface OrderRecord {
  id: string;
  number: number;
  name: string;
  token: string;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  currency: string;
  presentmentCurrency: string;
  /** presentment amount = shop amount × exchangeRate */
  exchangeRate: number;
  lineItems: LineItemRecord[];
  discountCodes: { code: string; amountCents: number; type: "percentage" | "fixed_amount" }[];
  shippingCents: number;
  taxRate: number;
  financialStatus: FinancialStatus;
  cancelledAt: number | null;
  cancelReason: "CUSTOMER" | "INVENTORY" | "FRAUD" | "DECLINED" | "OTHER" | "STAFF" | null;
  closedAt: number | null;
  note: string | null;
  tags: string[];
  sourceName: string;
  billingAddress: AddressRecord | null;
  shippingAddress: AddressRecord | null;
  transactions: TransactionRecord[];
  refunds: RefundRecord[];
  fulfillments: FulfillmentRecord[];
  cartToken: string | null;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
}

export interface CartRecord {
  id: string;
  token: string;
  note: string | null;
  lineItems: {
    id: string;
    productId: string;
    variantId: string;
    title: string;
    sku: string;
    vendor: string;
    quantity: number;
    priceCents: number;
  }[];
  createdAt: number;
  updatedAt: number;
}
