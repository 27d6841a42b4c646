// The shop itself, the app's webhook subscriptions and its bulk operations.
import { gid } from "../../ids";
import type { SimulatedShop } from "../../shop/shop";
import type { BulkOperationRecord } from "../../bulk-operations";
import { topicToEnum } from "../../webhooks/topics";
import type { WebhookSubscriptionRecord } from "../../webhooks/subscriptions";
import { SIMULATED_API_VERSION } from "../schema";
import { iso } from "./common";

export function shopView(shop: SimulatedShop) {
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    email: `owner@${shop.domain}`,
    contactEmail: `owner@${shop.domain}`,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", shop.id),
      host: shop.domain,
      url: `https://${shop.domain}`,
      sslEnabled: true,
    },
    currencyCode: shop.currency,
    enabledPresentmentCurrencies: [shop.currency, "EUR", "GBP", "CAD", "AUD"].filter(
      (c, i, all) => all.indexOf(c) === i,
    ),
    ianaTimezone: shop.timezone,
    timezoneAbbreviation: "EST",
    timezoneOffset: "-0500",
    timezoneOffsetMinutes: -300,
    weightUnit: "KILOGRAMS",
    taxesIncluded: false,
    taxShipping: false,
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    createdAt: iso(shop.createdAt),
    updatedAt: iso(shop.createdAt),
    plan: {
      __typename: "ShopPlan",
      publicDisplayName:
        shop.plan === "Plus" ? "Shopify Plus" : shop.plan === "Enterprise" ? "Shopify Plus" : shop.plan,
      partnerDevelopment: false,
      shopifyPlus: shop.plan === "Plus" || shop.plan === "Enterprise",
    },
  };
}

export function webhookSubscriptionView(subscription: WebhookSubscriptionRecord) {
  return {
    __typename: "WebhookSubscription",
    id: gid("WebhookSubscription", subscription.id),
    legacyResourceId: subscription.id,
    topic: topicToEnum(subscription.topic),
    uri: subscription.uri,
    callbackUrl: subscription.uri,
    endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: subscription.uri },
    format: subscription.format,
    name: subscription.name,
    filter: subscription.filter,
    includeFields: subscription.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    apiVersion: {
      __typename: "ApiVersion",
      handle: SIMULATED_API_VERSION,
      displayName: SIMULATED_API_VERSION,
      supported: true,
    },
    createdAt: iso(subscription.createdAt),
    updatedAt: iso(subscription.updatedAt),
  };
}

export function bulkOperationView(operation: BulkOperationRecord) {
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", operation.id),
    type: "QUERY",
    status: operation.status,
    errorCode: operation.errorCode,
    query: operation.query,
    createdAt: iso(operation.createdAt),
    completedAt: iso(operation.completedAt),
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.status === "COMPLETED" ? operation.url : null,
    partialDataUrl: operation.status === "FAILED" ? operation.url : null,
  };
}
