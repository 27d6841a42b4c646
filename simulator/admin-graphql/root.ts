// Root fields of Query and Mutation that the simulator answers. A field of the
// real schema that is missing here resolves to null (or to an error naming it
// when the schema says it cannot be null): never to invented data.
import { GraphQLError } from "graphql";
import { gid, parseGid } from "../ids";
import { CHILD_SERIES, CHILD_STRIDE } from "../shop/generator";
import type { SimulatedShop } from "../shop/shop";
import { arraySource, connection, type ConnectionArgs } from "./connection";
import type { GraphqlContext } from "./context";
import { bulkOperationView, shopView, webhookSubscriptionView } from "./views/app";
import {
  inventoryItemView,
  inventoryLevelView,
  locationView,
  productsConnection,
  productView,
  variantSearch,
  variantSource,
  variantView,
} from "./views/catalog";
import { count } from "./views/common";
import { customersConnection, customerView } from "./views/customers";
import { fulfillmentView, lineItemView, orderIsVisible, ordersConnection, orderView, refundView } from "./views/orders";
import { topicToEnum } from "../webhooks/topics";
import type { SubscriptionInput } from "../webhooks/subscriptions";

type Args = Record<string, unknown>;

/** Any object the `node`/`nodes` fields can return, by global id. */
export function nodeById(shop: SimulatedShop, context: GraphqlContext, id: string): object | null {
  const parsed = parseGid(id);
  if (!parsed)
    throw new GraphQLError(`Invalid global id '${id}'`, { extensions: { code: "argumentLiteralsIncompatible" } });
  const key = parsed.id;
  switch (parsed.resource) {
    case "Shop":
      return key === shop.id ? shopView(shop) : null;
    case "Product": {
      const product = shop.products.byId(key);
      return product ? productView(shop, product) : null;
    }
    case "ProductVariant": {
      const found = shop.variant(key);
      return found ? variantView(shop, found.variant, found.product) : null;
    }
    case "InventoryItem": {
      const found = shop.variantByInventoryItem(key);
      return found ? inventoryItemView(shop, found.variant) : null;
    }
    case "InventoryLevel": {
      const itemId = /inventory_item_id=(\d+)/.exec(id)?.[1];
      const level = itemId ? shop.inventoryLevel(itemId, key) : undefined;
      return level ? inventoryLevelView(shop, level) : null;
    }
    case "Location": {
      const location = shop.locations.byId(key);
      return location ? locationView(shop, location) : null;
    }
    case "Customer": {
      const customer = shop.customers.byId(key);
      return customer ? customerView(shop, customer) : null;
    }
    case "Order": {
      const order = shop.orders.byId(key);
      return order && orderIsVisible(shop, order) ? orderView(shop, order) : null;
    }
    case "LineItem":
    case "Refund":
    case "Fulfillment": {
      // Children carry their order's index in their id (see the generator).
      const base = BigInt(gidIndexBase(shop, parsed.resource));
      const offset = Number(BigInt(key) - base);
      const orderIndex = parsed.resource === "LineItem" ? Math.floor(offset / CHILD_STRIDE) : offset % CHILD_SERIES;
      const order = offset >= 0 ? shop.orders.at(orderIndex) : undefined;
      if (!order || !orderIsVisible(shop, order)) return null;
      if (parsed.resource === "LineItem") {
        const item = order.lineItems.find((candidate) => candidate.id === key);
        return item ? lineItemView(shop, order, item) : null;
      }
      if (parsed.resource === "Refund") {
        const refund = order.refunds.find((candidate) => candidate.id === key);
        return refund ? refundView(shop, order, refund) : null;
      }
      const fulfillment = order.fulfillments.find((candidate) => candidate.id === key);
      return fulfillment ? fulfillmentView(shop, order, fulfillment) : null;
    }
    case "WebhookSubscription": {
      const subscription = context.subscriptions.get(shop.domain, key);
      return subscription ? webhookSubscriptionView(subscription) : null;
    }
    case "BulkOperation": {
      const operation = context.bulkOperations.get(shop.domain, key);
      return operation ? bulkOperationView(operation) : null;
    }
    default:
      return null;
  }
}

function gidIndexBase(shop: SimulatedShop, resource: "LineItem" | "Refund" | "Fulfillment"): string {
  return shop.generator.id(resource, 0);
}

function subscriptionId(value: unknown): string {
  return parseGid(String(value))?.id ?? "";
}

export function rootValue(shop: SimulatedShop) {
  return {
    // Query
    shop: () => shopView(shop),
    node: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    nodes: (args: Args, context: GraphqlContext) => (args.ids as string[]).map((id) => nodeById(shop, context, id)),
    product: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    productVariant: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    customer: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    order: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    location: (args: Args, context: GraphqlContext) =>
      args.id ? nodeById(shop, context, String(args.id)) : locationView(shop, shop.locations.at(0)!),
    inventoryItem: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    inventoryLevel: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    products: (args: ConnectionArgs, context: GraphqlContext) => productsConnection(shop, args, context),
    customers: (args: ConnectionArgs, context: GraphqlContext) => customersConnection(shop, args, context),
    orders: (args: ConnectionArgs, context: GraphqlContext) => ordersConnection(shop, args, context),
    productVariants: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: variantSource(shop),
          view: (variant) => variantView(shop, variant),
          id: (variant) => variant.id,
          search: { fields: variantSearch, text: (variant) => `${variant.title} ${variant.sku}` },
          sortKeys: { UPDATED_AT: (variant) => variant.updatedAt, SKU: (variant) => variant.sku },
          root: true,
        },
        args,
        context,
      ),
    inventoryItems: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: variantSource(shop),
          view: (variant) => inventoryItemView(shop, variant),
          id: (variant) => variant.id,
          search: {
            fields: {
              id: (v) => v.inventoryItemId,
              sku: (v) => v.sku,
              created_at: (v) => v.createdAt,
              updated_at: (v) => v.updatedAt,
            },
            text: (variant) => variant.sku,
          },
          root: true,
        },
        args,
        context,
      ),
    locations: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: shop.locations,
          view: (location) => locationView(shop, location),
          id: (location) => location.id,
          search: { fields: { id: (l) => l.id, name: (l) => l.name, active: (l) => l.isActive }, text: (l) => l.name },
          sortKeys: { NAME: (location) => location.name },
          root: true,
        },
        args,
        context,
      ),
    productsCount: () => count(shop.products.count),
    customersCount: () => count(shop.customers.count),
    ordersCount: () => {
      if (shop.grantedScopes.includes("read_all_orders")) return count(shop.orders.count);
      let visible = 0;
      for (const [, order] of shop.orders.entries()) if (orderIsVisible(shop, order)) visible += 1;
      return count(visible);
    },
    locationsCount: () => count(shop.locations.count),
    currentAppInstallation: () => ({
      __typename: "AppInstallation",
      id: gid("AppInstallation", shop.id),
      accessScopes: shop.grantedScopes.map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
      launchUrl: `https://admin.shopify.com/store/${shop.domain.replace(".myshopify.com", "")}/apps`,
    }),
    webhookSubscriptions: (
      args: ConnectionArgs & { topics?: string[] | null; uri?: string | null },
      context: GraphqlContext,
    ) => {
      const list = context.subscriptions
        .listApi(shop.domain)
        .filter((s) => !args.topics?.length || args.topics.includes(topicToEnum(s.topic)))
        .filter((s) => !args.uri || s.uri === args.uri);
      return connection({ source: arraySource(list), view: webhookSubscriptionView, id: (s) => s.id }, args, context);
    },
    webhookSubscription: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),
    currentBulkOperation: (args: { type?: string | null }, context: GraphqlContext) => {
      if (args.type === "MUTATION") return null;
      const operation = context.bulkOperations.current(shop.domain);
      return operation ? bulkOperationView(operation) : null;
    },
    bulkOperation: (args: Args, context: GraphqlContext) => nodeById(shop, context, String(args.id)),

    // Mutation
    webhookSubscriptionCreate: (
      args: { topic: string; webhookSubscription: SubscriptionInput },
      context: GraphqlContext,
    ) => {
      const { subscription, userErrors } = context.subscriptions.create(
        shop.domain,
        args.topic,
        args.webhookSubscription,
      );
      return { webhookSubscription: subscription ? webhookSubscriptionView(subscription) : null, userErrors };
    },
    webhookSubscriptionUpdate: (
      args: { id: string; webhookSubscription: SubscriptionInput },
      context: GraphqlContext,
    ) => {
      const { subscription, userErrors } = context.subscriptions.update(
        shop.domain,
        subscriptionId(args.id),
        args.webhookSubscription,
      );
      return { webhookSubscription: subscription ? webhookSubscriptionView(subscription) : null, userErrors };
    },
    webhookSubscriptionDelete: (args: { id: string }, context: GraphqlContext) => {
      const deleted = context.subscriptions.delete(shop.domain, subscriptionId(args.id));
      return deleted
        ? { deletedWebhookSubscriptionId: args.id, userErrors: [] }
        : {
            deletedWebhookSubscriptionId: null,
            userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }],
          };
    },
    bulkOperationRunQuery: (args: { query: string; groupObjects?: boolean }, context: GraphqlContext) => {
      const { operation, userErrors } = context.bulkOperations.run(shop, args.query);
      return { bulkOperation: operation ? bulkOperationView(operation) : null, userErrors };
    },
    bulkOperationCancel: (args: { id: string }, context: GraphqlContext) => {
      const operation = context.bulkOperations.cancel(shop.domain, parseGid(args.id)?.id ?? "");
      if (!operation) {
        return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
      }
      const finished = ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"].includes(operation.status);
      return {
        bulkOperation: bulkOperationView(operation),
        userErrors: finished
          ? [
              {
                field: null,
                message: `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}`,
              },
            ]
          : [],
      };
    },
  };
}
