// Per-shop webhook registration through the Admin API, idempotent: read what
// exists, create what is missing, point what points elsewhere at /webhooks,
// delete what is no longer wanted. Run at install and by every
// reconciliation, because Shopify deletes an API-created subscription after 8
// consecutive failed deliveries.
import { Prisma, type PrismaClient } from "@prisma/client";
import type { AdminRequest } from "~/.server/admin-api/admin-client";
import {
  WEBHOOK_SUBSCRIPTION_CREATE,
  WEBHOOK_SUBSCRIPTION_DELETE,
  WEBHOOK_SUBSCRIPTION_UPDATE,
  WEBHOOK_SUBSCRIPTIONS_QUERY,
} from "~/.server/admin-api/documents/webhook-subscriptions";
import { API_TOPICS, enumToTopic, topicToEnum } from "~/.server/shopify/topics";
import { recordSyncRun } from "./sync-runs";
import type {
  WebhookSubscriptionCreateMutation,
  WebhookSubscriptionDeleteMutation,
  WebhookSubscriptionsQuery,
  WebhookSubscriptionUpdateMutation,
} from "~/types/admin.generated";

/**
 * What a shop subscribes to through the API: the topic table's API topics
 * (shopify/topics.ts), minus whatever the shop has switched off.
 */
export function desiredWebhookTopics(disabledTopics: Iterable<string> = []): string[] {
  const disabled = new Set(disabledTopics);
  return API_TOPICS.filter((topic) => !disabled.has(topic)).sort();
}

/** A topic Shopify would not subscribe, with its own words (e.g. protected customer data not approved). */
export interface RefusedTopic {
  topic: string;
  message: string;
}

export interface SubscriptionChanges {
  created: string[];
  updated: string[];
  deleted: string[];
  /** Each topic succeeds or fails on its own: one refusal never stops the others. */
  refused: RefusedTopic[];
  unchanged: number;
}

/** Shopify answered a subscription mutation with userErrors: this topic, not the pass, failed. */
export class SubscriptionRefusedError extends Error {
  override name = "SubscriptionRefusedError";
}

export async function reconcileWebhookSubscriptions(
  request: AdminRequest,
  options: { callbackUrl: string; topics: string[] },
): Promise<SubscriptionChanges> {
  const existing = await listSubscriptions(request);
  const changes: SubscriptionChanges = { created: [], updated: [], deleted: [], refused: [], unchanged: 0 };
  // userErrors refuse one topic; anything else (401, network, throttling) fails the whole pass.
  const attempt = async (topic: string, change: () => Promise<void>): Promise<boolean> => {
    try {
      await change();
      return true;
    } catch (error) {
      if (!(error instanceof SubscriptionRefusedError)) throw error;
      changes.refused.push({ topic: enumToTopic(topic), message: error.message });
      return false;
    }
  };
  const wanted = new Set(options.topics.map(topicToEnum));
  const byTopic = new Map<string, typeof existing>();
  for (const subscription of existing)
    byTopic.set(subscription.topic, [...(byTopic.get(subscription.topic) ?? []), subscription]);
  for (const topic of wanted) {
    const current = byTopic.get(topic) ?? [];
    const keep = current.find((subscription) => subscription.uri === options.callbackUrl) ?? current[0];
    if (!keep) {
      if (await attempt(topic, () => create(request, topic, options.callbackUrl)))
        changes.created.push(enumToTopic(topic));
    } else if (keep.uri !== options.callbackUrl) {
      if (await attempt(topic, () => update(request, keep.id, options.callbackUrl)))
        changes.updated.push(enumToTopic(topic));
    } else {
      changes.unchanged += 1;
    }
    for (const extra of current.filter((subscription) => subscription !== keep)) {
      if (await attempt(topic, () => remove(request, extra.id))) changes.deleted.push(enumToTopic(topic));
    }
  }
  for (const stale of existing.filter((subscription) => !wanted.has(subscription.topic))) {
    if (await attempt(stale.topic, () => remove(request, stale.id))) changes.deleted.push(enumToTopic(stale.topic));
  }
  return changes;
}

type Subscription = WebhookSubscriptionsQuery["webhookSubscriptions"]["nodes"][number];

/** The app's subscriptions on the shop, every page. */
async function listSubscriptions(request: AdminRequest): Promise<Subscription[]> {
  const existing: Subscription[] = [];
  let after: string | null | undefined = null;
  do {
    const page: WebhookSubscriptionsQuery = await request(WEBHOOK_SUBSCRIPTIONS_QUERY, { after });
    existing.push(...page.webhookSubscriptions.nodes);
    after = page.webhookSubscriptions.pageInfo.hasNextPage ? page.webhookSubscriptions.pageInfo.endCursor : null;
  } while (after);
  return existing;
}

/** How the shop's subscriptions differ from the desired ones, without changing anything (`storehouse doctor`). */
export interface SubscriptionDrift {
  missing: string[];
  /** Subscribed, but delivered to another URL than this deployment's. */
  elsewhere: { topic: string; uri: string }[];
  /** Subscribed although no longer wanted. */
  unwanted: string[];
}

export async function checkWebhookSubscriptions(
  request: AdminRequest,
  options: { callbackUrl: string; topics: string[] },
): Promise<SubscriptionDrift> {
  const existing = await listSubscriptions(request);
  const wanted = new Set(options.topics.map(topicToEnum));
  const drift: SubscriptionDrift = { missing: [], elsewhere: [], unwanted: [] };
  for (const topic of [...wanted].sort()) {
    const current = existing.filter((subscription) => subscription.topic === topic);
    if (current.length === 0) drift.missing.push(enumToTopic(topic));
    else if (!current.some((subscription) => subscription.uri === options.callbackUrl))
      drift.elsewhere.push({ topic: enumToTopic(topic), uri: current[0]!.uri });
  }
  drift.unwanted = existing
    .filter((subscription) => !wanted.has(subscription.topic))
    .map((subscription) => enumToTopic(subscription.topic));
  return drift;
}

/** Deletes every subscription the app holds on the shop (`storehouse shops disconnect`); returns their topics. */
export async function removeWebhookSubscriptions(request: AdminRequest): Promise<string[]> {
  const removed: string[] = [];
  for (const subscription of await listSubscriptions(request)) {
    await remove(request, subscription.id);
    removed.push(enumToTopic(subscription.topic));
  }
  return removed;
}

function throwOnUserErrors(errors: { message: string }[] | undefined): void {
  if (errors?.length) throw new SubscriptionRefusedError(errors.map((error) => error.message).join("; "));
}

async function create(request: AdminRequest, topic: string, uri: string): Promise<void> {
  const result = await request<WebhookSubscriptionCreateMutation>(WEBHOOK_SUBSCRIPTION_CREATE, {
    topic,
    webhookSubscription: { uri, format: "JSON" },
  });
  throwOnUserErrors(result.webhookSubscriptionCreate?.userErrors);
}

async function update(request: AdminRequest, id: string, uri: string): Promise<void> {
  const result = await request<WebhookSubscriptionUpdateMutation>(WEBHOOK_SUBSCRIPTION_UPDATE, {
    id,
    webhookSubscription: { uri },
  });
  throwOnUserErrors(result.webhookSubscriptionUpdate?.userErrors);
}

async function remove(request: AdminRequest, id: string): Promise<void> {
  const result = await request<WebhookSubscriptionDeleteMutation>(WEBHOOK_SUBSCRIPTION_DELETE, { id });
  throwOnUserErrors(result.webhookSubscriptionDelete?.userErrors);
}

/**
 * Records a registration pass as a sync run, and the topics Shopify refused on
 * the shop (shown on the Sync health page until a pass subscribes them).
 * Outside the first install, every subscription that had to be created is a
 * repair (Shopify removed it, most likely after failed deliveries) and is
 * counted as such. A pass with refused topics is a failed run: the shop is
 * not receiving everything.
 */
export async function recordSubscriptionChanges(
  db: Pick<PrismaClient, "syncRun" | "shop">,
  shopId: bigint,
  changes: SubscriptionChanges,
  occasion: "install" | "reconcile",
  startedAt: Date,
  callbackUrl: string,
): Promise<void> {
  const repaired = occasion === "reconcile" ? changes.created.length + changes.updated.length : 0;
  const described = [
    changes.created.length ? `created ${changes.created.join(", ")}` : "",
    changes.updated.length ? `re-pointed ${changes.updated.join(", ")}` : "",
    changes.deleted.length ? `deleted ${changes.deleted.join(", ")}` : "",
    changes.refused.length ? `refused ${changes.refused.map((refusal) => refusal.topic).join(", ")}` : "",
  ].filter(Boolean);
  const at = new Date().toISOString();
  await db.shop.update({
    where: { id: shopId },
    data: {
      refusedWebhookTopics: changes.refused.length
        ? changes.refused.map((refusal) => ({ ...refusal, at }))
        : Prisma.DbNull,
      webhooksCallbackUrl: callbackUrl,
    },
  });
  await recordSyncRun(db, {
    shopId,
    kind: occasion,
    resource: "webhook_subscriptions",
    status: changes.refused.length ? "failed" : "succeeded",
    error: changes.refused.length
      ? `Shopify refused ${changes.refused.length} topic${changes.refused.length === 1 ? "" : "s"}: ${changes.refused[0]!.message}`
      : null,
    rowsWritten: changes.created.length + changes.updated.length + changes.deleted.length,
    rowsRepaired: repaired,
    note: described.length ? described.join("; ") : `all ${changes.unchanged} subscriptions in place`,
    startedAt,
    finishedAt: new Date(),
  });
}
