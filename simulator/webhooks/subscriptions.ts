// Shop-specific webhook subscriptions made through the Admin API
// (webhookSubscriptionCreate/Update/Delete), plus the app-wide ones declared
// in the app's configuration (shopify.app.toml). Like Shopify, the API lists
// only the former, and only the former are removed after repeated failures.
import { randomInt } from "node:crypto";
import type { ProtectedCustomerDataAccess } from "../protected-customer-data";
import { SIMULATED_TOPICS, topicFromEnum, type Topic } from "./topics";

export interface WebhookSubscriptionRecord {
  id: string;
  shop: string;
  topic: Topic;
  uri: string;
  format: "JSON";
  name: string | null;
  filter: string | null;
  includeFields: string[];
  source: "api" | "app-config";
  createdAt: number;
  updatedAt: number;
}

export interface AppConfigSubscription {
  topics: Topic[];
  uri: string;
}

export interface SubscriptionInput {
  uri?: string | null;
  callbackUrl?: string | null;
  format?: string | null;
  name?: string | null;
  filter?: string | null;
  includeFields?: string[] | null;
}

export interface UserError {
  field: string[] | null;
  message: string;
}

/** Shopify requires HTTPS endpoints; plain HTTP is accepted for loopback hosts so tests need no TLS. */
export function validateEndpoint(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "Address is invalid";
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "https:" || (url.protocol === "http:" && loopback)) return undefined;
  return `Address protocol ${url.protocol}// is not supported`;
}

/**
 * Topics whose payloads carry protected customer data: Shopify refuses to
 * subscribe an app to them until the app is approved for protected customer
 * data in the Partner Dashboard (a userError on webhookSubscriptionCreate).
 */
export const PROTECTED_CUSTOMER_DATA_TOPICS = /^(customers|orders|refunds)\//;

export const PROTECTED_CUSTOMER_DATA_REFUSAL =
  "This app is not approved to subscribe to webhook topics containing protected customer data. " +
  "See https://shopify.dev/docs/apps/launch/protected-customer-data for more details.";

export class WebhookSubscriptions {
  private readonly byId = new Map<string, WebhookSubscriptionRecord>();
  private appConfig: AppConfigSubscription[] = [];
  /** The app's protected customer data approvals (Partner Dashboard). */
  constructor(private readonly protectedCustomerData: ProtectedCustomerDataAccess) {}

  setAppConfig(subscriptions: AppConfigSubscription[]): void {
    this.appConfig = subscriptions;
  }

  listApi(shop: string): WebhookSubscriptionRecord[] {
    return [...this.byId.values()].filter((subscription) => subscription.shop === shop);
  }

  get(shop: string, id: string): WebhookSubscriptionRecord | undefined {
    const subscription = this.byId.get(id);
    return subscription?.shop === shop ? subscription : undefined;
  }

  /** Every endpoint that should receive `topic` for `shop`: app-config ones first. */
  forTopic(shop: string, topic: Topic): WebhookSubscriptionRecord[] {
    const fromConfig = this.appConfig
      .filter((config) => config.topics.includes(topic))
      .map((config) => ({
        id: `app-config:${topic}:${config.uri}`,
        shop,
        topic,
        uri: config.uri,
        format: "JSON" as const,
        name: null,
        filter: null,
        includeFields: [],
        source: "app-config" as const,
        createdAt: 0,
        updatedAt: 0,
      }));
    return [...fromConfig, ...this.listApi(shop).filter((subscription) => subscription.topic === topic)];
  }

  create(
    shop: string,
    topicEnum: string,
    input: SubscriptionInput,
  ): { subscription?: WebhookSubscriptionRecord; userErrors: UserError[] } {
    const topic = topicFromEnum(topicEnum, SIMULATED_TOPICS) as Topic | undefined;
    if (!topic) {
      return { userErrors: [{ field: ["topic"], message: `The simulator does not deliver ${topicEnum} webhooks` }] };
    }
    if (!this.protectedCustomerData.approved && PROTECTED_CUSTOMER_DATA_TOPICS.test(topic)) {
      return { userErrors: [{ field: ["webhookSubscription"], message: PROTECTED_CUSTOMER_DATA_REFUSAL }] };
    }
    const uri = input.uri ?? input.callbackUrl ?? "";
    const invalid = validateEndpoint(uri);
    if (invalid) return { userErrors: [{ field: ["webhookSubscription", "callbackUrl"], message: invalid }] };
    if (this.listApi(shop).some((existing) => existing.topic === topic && existing.uri === uri)) {
      return {
        userErrors: [
          { field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken" },
        ],
      };
    }
    const now = Date.now();
    const subscription: WebhookSubscriptionRecord = {
      id: String(9_100_000_000_000_000 + randomInt(1, 2 ** 40)),
      shop,
      topic,
      uri,
      format: "JSON",
      name: input.name ?? null,
      filter: input.filter ?? null,
      includeFields: input.includeFields ?? [],
      source: "api",
      createdAt: now,
      updatedAt: now,
    };
    this.byId.set(subscription.id, subscription);
    return { subscription, userErrors: [] };
  }

  update(
    shop: string,
    id: string,
    input: SubscriptionInput,
  ): { subscription?: WebhookSubscriptionRecord; userErrors: UserError[] } {
    const subscription = this.get(shop, id);
    if (!subscription) return { userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }] };
    const uri = input.uri ?? input.callbackUrl ?? subscription.uri;
    const invalid = validateEndpoint(uri);
    if (invalid) return { userErrors: [{ field: ["webhookSubscription", "callbackUrl"], message: invalid }] };
    Object.assign(subscription, {
      uri,
      name: input.name === undefined ? subscription.name : input.name,
      filter: input.filter === undefined ? subscription.filter : input.filter,
      includeFields: input.includeFields ?? subscription.includeFields,
      updatedAt: Date.now(),
    });
    return { subscription, userErrors: [] };
  }

  delete(shop: string, id: string): boolean {
    if (!this.get(shop, id)) return false;
    return this.byId.delete(id);
  }

  deleteAllFor(shop: string): void {
    for (const subscription of this.listApi(shop)) this.byId.delete(subscription.id);
  }

  clear(): void {
    this.byId.clear();
  }
}
