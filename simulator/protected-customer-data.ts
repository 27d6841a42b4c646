// Protected customer data as Shopify enforces it for an app that the Partner
// Dashboard has not approved
// (https://shopify.dev/docs/apps/launch/protected-customer-data):
// - level 1 (customer data at all): webhook topics carrying it are refused
//   (webhooks/subscriptions.ts) and a query reaching a Customer or an Order is
//   answered with an ACCESS_DENIED error instead of the object;
// - level 2 (the name, email, phone and address fields, each approved on its
//   own): the fields come back null, each with an ACCESS_DENIED entry in
//   `errors`, the rest of the answer intact; webhook payloads carry them
//   redacted (null); a bulk query that touches them fails with ACCESS_DENIED.
import {
  getNamedType,
  GraphQLError,
  isListType,
  isNonNullType,
  type GraphQLNonNull,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from "graphql";

export const PROTECTED_CUSTOMER_FIELDS = ["name", "email", "phone", "address"] as const;
export type ProtectedCustomerField = (typeof PROTECTED_CUSTOMER_FIELDS)[number];

const DOCUMENTATION = "See https://shopify.dev/docs/apps/launch/protected-customer-data for more details.";

/** The GraphQL fields each level 2 approval unlocks, by `Type.field`. */
const FIELD_APPROVALS: Record<string, ProtectedCustomerField> = {
  "Customer.firstName": "name",
  "Customer.lastName": "name",
  "Customer.displayName": "name",
  "Customer.email": "email",
  "Customer.defaultEmailAddress": "email",
  "Customer.phone": "phone",
  "Customer.defaultPhoneNumber": "phone",
  "Customer.defaultAddress": "address",
  "Customer.addresses": "address",
  "Customer.addressesV2": "address",
  "Order.email": "email",
  "Order.phone": "phone",
  "Order.billingAddress": "address",
  "Order.shippingAddress": "address",
  "Order.displayAddress": "address",
  "MailingAddress.firstName": "name",
  "MailingAddress.lastName": "name",
  "MailingAddress.name": "name",
  "MailingAddress.phone": "phone",
};

/** Objects only level 1 approval lets an app read. */
const LEVEL_1_TYPES = new Set(["Customer", "Order", "CustomerConnection", "OrderConnection"]);

export interface ProtectedCustomerDataSettings {
  /** Level 1: the app may read customer data at all. */
  approved: boolean;
  /** Level 2: the protected fields the app may read. */
  fields: ProtectedCustomerField[];
}

export interface AccessDenial {
  message: string;
  path: (string | number)[];
  extensions: { code: "ACCESS_DENIED" };
}

/** The app's approvals in the Partner Dashboard; everything approved unless a test or a person says otherwise. */
export class ProtectedCustomerDataAccess {
  approved = true;
  fields = new Set<ProtectedCustomerField>(PROTECTED_CUSTOMER_FIELDS);

  settings(): ProtectedCustomerDataSettings {
    return { approved: this.approved, fields: PROTECTED_CUSTOMER_FIELDS.filter((field) => this.fields.has(field)) };
  }

  update(settings: Partial<ProtectedCustomerDataSettings>): ProtectedCustomerDataSettings {
    if (settings.approved !== undefined) this.approved = settings.approved;
    if (settings.fields) this.fields = new Set(settings.fields);
    return this.settings();
  }

  /** Back to everything approved, then `settings` (the simulator's options). */
  reset(settings: Partial<ProtectedCustomerDataSettings> = {}): void {
    this.update({ approved: true, fields: [...PROTECTED_CUSTOMER_FIELDS], ...settings });
  }

  /** Whether anything is withheld (answers are checked field by field only then). */
  restricts(): boolean {
    return !this.approved || this.fields.size < PROTECTED_CUSTOMER_FIELDS.length;
  }

  /** Why the app may not resolve this field (and at which level), or undefined when it may. */
  denial(
    info: Pick<GraphQLResolveInfo, "parentType" | "fieldName" | "returnType">,
  ): { level: 1 | 2; message: string } | undefined {
    const returned = getNamedType(info.returnType).name;
    if (!this.approved && LEVEL_1_TYPES.has(returned)) {
      const object = returned.replace(/Connection$/, "");
      return { level: 1, message: `This app is not approved to access the ${object} object. ${DOCUMENTATION}` };
    }
    const needs = FIELD_APPROVALS[`${info.parentType.name}.${info.fieldName}`];
    if (needs && (!this.approved || !this.fields.has(needs))) {
      return { level: 2, message: `This app is not approved to use the ${info.fieldName} field. ${DOCUMENTATION}` };
    }
    return undefined;
  }

  /** The fields a webhook payload must carry redacted, or none when everything is approved. */
  redactedInPayloads(): Set<ProtectedCustomerField> {
    return new Set(PROTECTED_CUSTOMER_FIELDS.filter((field) => !this.approved || !this.fields.has(field)));
  }
}

/**
 * What a denied field resolves to. Without level 1 the field throws: graphql-js
 * answers null with a located error, nulling non-null parents up to the root.
 * A level 2 field that is nullable throws too; a non-null one
 * (Customer.addresses, displayName) is answered empty instead, its error
 * recorded beside the answer, so the customer around it survives.
 */
export function deniedValue(
  info: GraphQLResolveInfo,
  { level, message }: { level: 1 | 2; message: string },
  denials: AccessDenial[],
): unknown {
  if (level === 1 || !isNonNullType(info.returnType)) {
    throw new GraphQLError(message, { extensions: { code: "ACCESS_DENIED" } });
  }
  denials.push({ message, path: pathOf(info), extensions: { code: "ACCESS_DENIED" } });
  const inner = (info.returnType as GraphQLNonNull<GraphQLOutputType>).ofType;
  if (isListType(inner)) return [];
  if (getNamedType(inner).name.endsWith("Connection")) {
    return {
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    };
  }
  return "";
}

function pathOf(info: GraphQLResolveInfo): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: GraphQLResolveInfo["path"] | undefined = info.path; at; at = at.prev) path.unshift(at.key);
  return path;
}

/** REST keys holding each protected field in customer and order payloads. */
const PAYLOAD_KEYS: Record<string, ProtectedCustomerField> = {
  first_name: "name",
  last_name: "name",
  email: "email",
  contact_email: "email",
  phone: "phone",
  default_address: "address",
  billing_address: "address",
  shipping_address: "address",
  addresses: "address",
};

/**
 * A webhook payload as an app without the given approvals receives it: the
 * protected fields null (an address list empty), wherever they are nested.
 * `name` is a person's name only inside an address (an order's `name` is its
 * number).
 */
export function redactPayload(payload: unknown, redacted: Set<ProtectedCustomerField>, inAddress = false): unknown {
  if (redacted.size === 0 || payload === null || typeof payload !== "object") return payload;
  if (Array.isArray(payload)) return payload.map((item) => redactPayload(item, redacted, inAddress));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    const needs = PAYLOAD_KEYS[key] ?? (inAddress && key === "name" ? "name" : undefined);
    if (needs && redacted.has(needs) && value !== null) {
      out[key] = Array.isArray(value) ? [] : null;
      continue;
    }
    out[key] = redactPayload(value, redacted, inAddress || key.endsWith("address") || key === "addresses");
  }
  return out;
}
