// The simulated Shopify: shops, OAuth, the Admin GraphQL API with its cost
// limits, bulk operations and webhook delivery, wired together. The HTTP
// server (server.ts) and tests both drive this object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GraphqlContext } from "./admin-graphql/context";
import { executeDocument, handleGraphql, type GraphqlRequest, type GraphqlResponse } from "./admin-graphql/execute";
import { SIMULATED_API_VERSION } from "./admin-graphql/schema";
import { CostBucket } from "./admin-graphql/throttle";
import { ShopifyOAuth } from "./auth";
import { BulkOperations, type BulkOperationRecord } from "./bulk-operations";
import { ACCESS_SCOPES } from "../app/.server/shopify/constants";
import { ChangeError, UnknownShopError } from "./errors";
import { gid } from "./ids";
import {
  ProtectedCustomerDataAccess,
  redactPayload,
  type ProtectedCustomerDataSettings,
} from "./protected-customer-data";
import { RESTORE_RATE, SimulatedShop, type ShopOptions } from "./shop/shop";
import { WebhookDelivery, type Delivery } from "./webhooks/delivery";
import { restTime, serializePayload } from "./webhooks/payloads";
import {
  PROTECTED_CUSTOMER_DATA_TOPICS,
  WebhookSubscriptions,
  type AppConfigSubscription,
} from "./webhooks/subscriptions";
import { COMPLIANCE_TOPICS, type Topic } from "./webhooks/topics";

export interface SimulatorOptions {
  app: {
    apiKey: string;
    apiSecret: string;
    scopes?: string[];
    /** Subscriptions from the app's configuration (shopify.app.toml), compliance topics included. */
    webhooks?: AppConfigSubscription[];
    /** The app's public URL (SHOPIFY_APP_URL): the admin frame opens it in its iframe. */
    url?: string;
    /** Protected customer data approvals (default: level 1 and every field); see protected-customer-data.ts. */
    protectedCustomerData?: Partial<ProtectedCustomerDataSettings>;
  };
  /** Scales Shopify's webhook retry schedule (1 = four real hours). */
  timeScale?: number;
  deliveryTimeoutMs?: number;
  accessTokenLifetimeS?: number;
  bulkResultTtlMs?: number;
  bulkWindowDelayMs?: number;
  /** Delay before answering a refresh-token grant: widens race windows in concurrency tests. */
  refreshDelayMs?: number;
}

/** What the app's configuration requests, and so what Shopify grants on install unless told otherwise. */
export const DEFAULT_SCOPES: readonly string[] = ACCESS_SCOPES;

export class ShopifySimulator {
  readonly shops = new Map<string, SimulatedShop>();
  readonly oauth: ShopifyOAuth;
  /** The app's protected customer data approvals in the Partner Dashboard. */
  readonly protectedCustomerData = new ProtectedCustomerDataAccess();
  readonly subscriptions = new WebhookSubscriptions(this.protectedCustomerData);
  readonly deliveries: WebhookDelivery;
  readonly bulkOperations: BulkOperations;
  private readonly buckets = new Map<string, CostBucket>();
  /** The last Admin GraphQL documents received, newest last (tests assert what the app asked). */
  readonly graphqlLog: { shop: string; query: string }[] = [];
  private readonly directory = mkdtempSync(join(tmpdir(), "shopify-sim-"));
  readonly scopes: string[];
  /** Base URL once the HTTP server listens; bulk result URLs point here. */
  url = "http://127.0.0.1";

  constructor(readonly options: SimulatorOptions) {
    this.scopes = options.app.scopes ?? [...DEFAULT_SCOPES];
    this.oauth = new ShopifyOAuth({ ...options.app, scopes: this.scopes }, options.accessTokenLifetimeS);
    this.subscriptions.setAppConfig(options.app.webhooks ?? []);
    this.protectedCustomerData.update(options.app.protectedCustomerData ?? {});
    this.deliveries = new WebhookDelivery({
      apiSecret: options.app.apiSecret,
      apiVersion: SIMULATED_API_VERSION,
      timeScale: options.timeScale ?? 1,
      timeoutMs: options.deliveryTimeoutMs ?? 5000,
      onExhausted: (delivery) => this.onDeliveryExhausted(delivery),
    });
    this.bulkOperations = new BulkOperations({
      directory: this.directory,
      resultTtlMs: options.bulkResultTtlMs ?? 7 * 24 * 3_600_000,
      resultUrl: (token, expiresAt) => `${this.url}/__sim/bulk-results/${token}.jsonl?expires=${expiresAt}`,
      execute: (document, context) => executeDocument(document, context) as ReturnType<BulkOperationsOptionsExecute>,
      context: (shop) => this.context(shop),
      windowDelayMs: options.bulkWindowDelayMs,
      onFinished: (operation) => this.onBulkFinished(operation),
    });
  }

  createShop(options: ShopOptions & { install?: boolean }): SimulatedShop {
    const domain = options.domain.toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(domain))
      throw new ChangeError(`${options.domain} is not a *.myshopify.com domain`, 400);
    if (this.shops.has(domain)) throw new ChangeError(`${domain} already exists`, 409);
    const shop = new SimulatedShop(this.shops.size, { ...options, domain });
    this.shops.set(domain, shop);
    if (options.install) shop.grantedScopes = [...this.scopes];
    return shop;
  }

  shop(domain: string): SimulatedShop | undefined {
    return this.shops.get(domain.toLowerCase());
  }

  requireShop(domain: string): SimulatedShop {
    const shop = this.shop(domain);
    if (!shop) throw new UnknownShopError(domain);
    return shop;
  }

  /** Installs the app without a browser: grants scopes and returns an offline token pair. */
  install(domain: string, expiring = true): { accessToken: string; refreshToken?: string } {
    const shop = this.requireShop(domain);
    shop.grantedScopes = [...this.scopes];
    return this.oauth.issueOffline(shop.domain, expiring);
  }

  bucket(domain: string): CostBucket {
    let bucket = this.buckets.get(domain);
    if (!bucket) {
      bucket = new CostBucket(RESTORE_RATE[this.requireShop(domain).plan]);
      this.buckets.set(domain, bucket);
    }
    return bucket;
  }

  context(shop: SimulatedShop): GraphqlContext {
    return {
      shop,
      subscriptions: this.subscriptions,
      bulkOperations: this.bulkOperations,
      protectedCustomerData: this.protectedCustomerData,
      warnings: [],
      denials: [],
    };
  }

  /** One Admin GraphQL request: 401 without a valid token for an installed app. */
  graphql(
    domain: string,
    accessToken: string | undefined,
    request: GraphqlRequest,
  ): { status: number; body: GraphqlResponse | { errors: string } } {
    const shop = this.shop(domain);
    if (!shop) return { status: 404, body: { errors: "Not Found" } };
    if (!shop.installed || !this.oauth.accepts(shop.domain, accessToken)) {
      return {
        status: 401,
        body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
      };
    }
    this.graphqlLog.push({ shop: shop.domain, query: String(request.query) });
    if (this.graphqlLog.length > 1000) this.graphqlLog.shift();
    return { status: 200, body: handleGraphql(request, this.context(shop), this.bucket(shop.domain)) };
  }

  /** Sends `topic` to every endpoint subscribed for the shop. */
  publish(shop: SimulatedShop, topic: Topic, payload: unknown): Delivery[] {
    const compliance = (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
    if (!shop.installed && !compliance && topic !== "app/uninstalled") return [];
    const subscriptions = this.subscriptions.forTopic(shop.domain, topic);
    if (subscriptions.length === 0) return [];
    // Compliance payloads name the customer whatever the app's approvals; the others carry protected fields redacted.
    const delivered =
      compliance || !PROTECTED_CUSTOMER_DATA_TOPICS.test(topic)
        ? payload
        : redactPayload(payload, this.protectedCustomerData.redactedInPayloads());
    return this.deliveries.publish(shop.domain, topic, serializePayload(delivered), subscriptions);
  }

  private onDeliveryExhausted(delivery: Delivery): void {
    // Shopify removes an API-created subscription whose deliveries keep failing; app-config ones stay.
    if (delivery.subscriptionSource === "api") this.subscriptions.delete(delivery.shop, delivery.subscriptionId);
  }

  private onBulkFinished(operation: BulkOperationRecord): void {
    const shop = this.shop(operation.shop);
    if (!shop) return;
    this.publish(shop, "bulk_operations/finish", {
      admin_graphql_api_id: gid("BulkOperation", operation.id),
      // Whole seconds with the shop's offset, as every REST timestamp (payloads.ts).
      completed_at: operation.completedAt ? restTime(operation.completedAt, shop.timezone) : null,
      created_at: restTime(operation.createdAt, shop.timezone),
      error_code: operation.errorCode?.toLowerCase() ?? null,
      status: operation.status.toLowerCase(),
      type: "query",
    });
  }

  /** Forget every shop, token, subscription, delivery and bulk operation. */
  reset(): void {
    this.shops.clear();
    this.buckets.clear();
    this.oauth.clear();
    this.subscriptions.clear();
    this.protectedCustomerData.reset(this.options.app.protectedCustomerData);
    this.deliveries.clear();
    this.bulkOperations.clear();
    this.graphqlLog.length = 0;
  }

  close(): void {
    this.deliveries.clear();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

type BulkOperationsOptionsExecute = ConstructorParameters<typeof BulkOperations>[0]["execute"];
