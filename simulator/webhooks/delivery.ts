// Webhook delivery as Shopify does it: one POST per subscription with the
// X-Shopify-* headers and an HMAC-SHA256 of the raw body (base64, app secret).
// A delivery fails on a non-2xx answer or no answer within 5 s; it is retried
// 8 times over 4 hours with exponential backoff, same webhook id and body each
// time. When every retry failed, an API-created subscription is deleted.
// Chaos (duplicates, drops, delays that reorder) is opt-in and seeded.
import { createHmac, randomUUID } from "node:crypto";
import { Random } from "../random";
import type { WebhookSubscriptionRecord } from "./subscriptions";

export const RETRIES = 8;
const RETRY_WINDOW_MS = 4 * 3_600_000;

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export type DeliveryState = "scheduled" | "retrying" | "delivered" | "failed" | "dropped";

export interface Delivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  uri: string;
  subscriptionId: string;
  subscriptionSource: "api" | "app-config";
  /** The subscription's name, sent as X-Shopify-Name when it has one. */
  subscriptionName: string | null;
  /** When the event happened, with Shopify's nanosecond precision (e.g. 2023-03-29T18:00:27.877041743Z). */
  triggeredAt: string;
  body: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** Set on the extra copy chaos sends of an earlier delivery (same webhook id). */
  duplicate: boolean;
  nextAttemptAt: string | null;
}

export interface ChaosOptions {
  /** Probability that a delivery is sent twice (same webhook id). */
  duplicateRate: number;
  /** Probability that a delivery is never sent. */
  dropRate: number;
  /** Each delivery waits a random 0..maxDelayMs first, so later events can arrive first. */
  maxDelayMs: number;
  seed: string;
}

export const NO_CHAOS: ChaosOptions = { duplicateRate: 0, dropRate: 0, maxDelayMs: 0, seed: "chaos" };

export interface DeliveryOptions {
  apiSecret: string;
  apiVersion: string;
  /** Multiplies Shopify's retry schedule: 1 is real time; 1/3600 turns 4 hours into 4 seconds. */
  timeScale: number;
  timeoutMs: number;
  onExhausted: (delivery: Delivery) => void;
}

/** Delay before retry k (1..8): doubling steps that add up to four hours. */
export function retryDelayMs(retry: number, timeScale: number): number {
  const unit = RETRY_WINDOW_MS / (2 ** RETRIES - 1);
  return unit * 2 ** (retry - 1) * timeScale;
}

export function signBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export class WebhookDelivery {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private chaos: ChaosOptions = NO_CHAOS;
  private random = Random.for(NO_CHAOS.seed);
  private inFlight = 0;

  constructor(private readonly options: DeliveryOptions) {}

  setChaos(chaos: Partial<ChaosOptions>): ChaosOptions {
    this.chaos = { ...NO_CHAOS, ...this.chaos, ...chaos };
    this.random = Random.for(this.chaos.seed);
    return this.chaos;
  }

  getChaos(): ChaosOptions {
    return this.chaos;
  }

  /** One event to every subscription of its topic; returns the deliveries made. */
  publish(
    shop: string,
    topic: string,
    body: string,
    subscriptions: WebhookSubscriptionRecord[],
    eventTime = Date.now(),
  ): Delivery[] {
    const eventId = randomUUID();
    const triggeredAt = nanosecondTime(eventTime);
    return subscriptions.map((subscription) => {
      const delivery: Delivery = {
        webhookId: randomUUID(),
        eventId,
        topic,
        shop,
        uri: subscription.uri,
        subscriptionId: subscription.id,
        subscriptionSource: subscription.source,
        subscriptionName: subscription.name,
        triggeredAt,
        body,
        state: "scheduled",
        attempts: [],
        duplicate: false,
        nextAttemptAt: null,
      };
      this.deliveries.push(delivery);
      if (this.random.chance(this.chaos.dropRate)) {
        delivery.state = "dropped";
        return delivery;
      }
      this.schedule(delivery, this.chaos.maxDelayMs ? this.random.next() * this.chaos.maxDelayMs : 0);
      if (this.random.chance(this.chaos.duplicateRate)) {
        const copy: Delivery = { ...delivery, attempts: [], duplicate: true };
        this.deliveries.push(copy);
        this.schedule(copy, this.chaos.maxDelayMs ? this.random.next() * this.chaos.maxDelayMs : 0);
      }
      return delivery;
    });
  }

  list(filter: { shop?: string; topic?: string; state?: string } = {}): Delivery[] {
    return this.deliveries.filter(
      (delivery) =>
        (!filter.shop || delivery.shop === filter.shop) &&
        (!filter.topic || delivery.topic === filter.topic) &&
        (!filter.state || delivery.state === filter.state),
    );
  }

  /** True when nothing is waiting to be sent or being sent. */
  get idle(): boolean {
    return this.timers.size === 0 && this.inFlight === 0;
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    delivery.nextAttemptAt = new Date(Date.now() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    this.inFlight += 1;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.uri, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Shopify-Captain-Hook",
          "X-Shopify-Topic": delivery.topic,
          "X-Shopify-Hmac-Sha256": signBody(delivery.body, this.options.apiSecret),
          "X-Shopify-Shop-Domain": delivery.shop,
          "X-Shopify-API-Version": this.options.apiVersion,
          "X-Shopify-Webhook-Id": delivery.webhookId,
          "X-Shopify-Event-Id": delivery.eventId,
          "X-Shopify-Triggered-At": delivery.triggeredAt,
          ...(delivery.subscriptionName ? { "X-Shopify-Name": delivery.subscriptionName } : {}),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: "manual",
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (caught) {
      const name = (caught as Error).name;
      error =
        name === "TimeoutError"
          ? `no answer within ${this.options.timeoutMs} ms`
          : String((caught as Error).cause ?? caught);
    } finally {
      this.inFlight -= 1;
    }
    delivery.attempts.push({ at: new Date(started).toISOString(), status, error, durationMs: Date.now() - started });
    if (!error) {
      delivery.state = "delivered";
      delivery.nextAttemptAt = null;
      return;
    }
    const retriesDone = delivery.attempts.length - 1;
    if (retriesDone >= RETRIES) {
      delivery.state = "failed";
      delivery.nextAttemptAt = null;
      this.options.onExhausted(delivery);
      return;
    }
    delivery.state = "retrying";
    this.schedule(delivery, retryDelayMs(retriesDone + 1, this.options.timeScale));
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
  }
}

/** An ISO time with nine fractional digits, as Shopify's X-Shopify-Triggered-At (sub-millisecond digits from the clock). */
export function nanosecondTime(ms: number): string {
  const subMillisecond = (process.hrtime.bigint() % 1_000_000n).toString().padStart(6, "0");
  return new Date(ms).toISOString().replace(/Z$/, `${subMillisecond}Z`);
}
