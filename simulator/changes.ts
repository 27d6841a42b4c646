// Changes a merchant or customer would make in a real shop, each followed by
// the webhooks Shopify sends for it. The control API and tests call these.
import { ChangeError } from "./errors";
import { gid, shopifyId } from "./ids";
import { cartLine, CHILD_SERIES, CHILD_STRIDE, variantLineItem } from "./shop/generator";
import { orderTotals } from "./shop/order-totals";
import type {
  CartRecord,
  CustomerRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RefundRecord,
} from "./shop/records";
import type { SimulatedShop } from "./shop/shop";
import type { ShopifySimulator } from "./simulator";
import { fulfillmentStatus } from "./admin-graphql/views/orders";
import type { Delivery } from "./webhooks/delivery";
import {
  cartPayload,
  customerPayload,
  deletedCustomerPayload,
  deletedInventoryItemPayload,
  fulfillmentPayloads,
  inventoryItemPayload,
  inventoryLevelPayload,
  locationPayload,
  num,
  orderPayload,
  productPayload,
  refundPayload,
  restTime,
  shopPayload,
} from "./webhooks/payloads";

export { ChangeError };

export interface ProductInput {
  title?: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  tags?: string[];
  /** Price for every variant, e.g. "19.99". */
  price?: string;
  variants?: { title?: string; sku?: string; price?: string }[];
}

export interface CustomerInput {
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  tags?: string[];
  note?: string | null;
  state?: CustomerRecord["state"];
}

export interface OrderInput {
  customerId?: string | null;
  email?: string;
  lineItems?: { variantId: string; quantity?: number }[];
  presentmentCurrency?: string;
  note?: string | null;
  tags?: string[];
  financialStatus?: "PAID" | "PENDING" | "AUTHORIZED";
  /** Where the order was placed: "web" (online store), "pos", "shopify_draft_order"… */
  sourceName?: string;
}

function cents(price: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(price)) throw new ChangeError(`price must look like "19.99", got "${price}"`);
  return Math.round(Number(price) * 100);
}

export class ShopChanges {
  constructor(private readonly sim: ShopifySimulator) {}

  private found<T>(value: T | undefined, what: string): T {
    if (!value) throw new ChangeError(`${what} not found`, 404);
    return value;
  }

  createProduct(shop: SimulatedShop, input: ProductInput = {}): { product: ProductRecord; deliveries: Delivery[] } {
    const { index, id } = shop.products.nextId();
    const template = shop.generator.product(index);
    const now = Date.now();
    const variantInputs: NonNullable<ProductInput["variants"]> = input.variants ?? template.variants.map(() => ({}));
    const variants = variantInputs.map((variantInput, v) => {
      const base = template.variants[v] ?? template.variants[0]!;
      const childIndex = index * CHILD_STRIDE + v;
      return {
        ...base,
        id: shopifyId(shop.slot, "ProductVariant", childIndex),
        productId: id,
        position: v + 1,
        title: variantInput.title ?? base.title,
        options: [variantInput.title ?? base.title],
        sku: variantInput.sku ?? base.sku,
        priceCents: variantInput.price ? cents(variantInput.price) : input.price ? cents(input.price) : base.priceCents,
        inventoryItemId: shopifyId(shop.slot, "InventoryItem", childIndex),
        createdAt: now,
        updatedAt: now,
      };
    });
    const product: ProductRecord = {
      ...template,
      id,
      title: input.title ?? template.title,
      vendor: input.vendor ?? template.vendor,
      productType: input.productType ?? template.productType,
      status: input.status ?? "ACTIVE",
      tags: input.tags ?? template.tags,
      options: [{ id: `${id}0`, name: "Title", position: 1, values: variants.map((v) => v.title) }],
      variants,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    };
    shop.products.add(product);
    const deliveries = [...this.sim.publish(shop, "products/create", productPayload(shop, product))];
    for (const variant of variants) {
      deliveries.push(...this.sim.publish(shop, "inventory_items/create", inventoryItemPayload(shop, variant)));
      const level = shop.inventoryLevel(variant.inventoryItemId, shop.locations.at(0)!.id);
      if (level)
        deliveries.push(
          ...this.sim.publish(shop, "inventory_levels/connect", inventoryLevelPayload(level, shop.timezone)),
        );
    }
    return { product, deliveries };
  }

  updateProduct(
    shop: SimulatedShop,
    id: string,
    input: ProductInput,
  ): { product: ProductRecord; deliveries: Delivery[] } {
    const current = this.found(shop.products.byId(id), `Product ${id}`);
    const now = Math.max(Date.now(), current.updatedAt + 1);
    const price = input.price ? cents(input.price) : undefined;
    const product = shop.products.replace({
      ...current,
      title: input.title ?? current.title,
      vendor: input.vendor ?? current.vendor,
      productType: input.productType ?? current.productType,
      status: input.status ?? current.status,
      tags: input.tags ?? current.tags,
      variants: current.variants.map((variant) =>
        price === undefined ? variant : { ...variant, priceCents: price, updatedAt: now },
      ),
      updatedAt: now,
    });
    return { product, deliveries: this.sim.publish(shop, "products/update", productPayload(shop, product)) };
  }

  deleteProduct(shop: SimulatedShop, id: string): { deliveries: Delivery[] } {
    const product = this.found(shop.products.remove(id), `Product ${id}`);
    const deliveries = [...this.sim.publish(shop, "products/delete", { id: num(product.id) })];
    for (const variant of product.variants) {
      deliveries.push(
        ...this.sim.publish(shop, "inventory_items/delete", deletedInventoryItemPayload(variant.inventoryItemId)),
      );
    }
    return { deliveries };
  }

  setInventory(
    shop: SimulatedShop,
    input: { inventoryItemId: string; locationId?: string; available?: number; delta?: number },
  ): { deliveries: Delivery[]; available: number } {
    const locationId = input.locationId ?? shop.locations.at(0)!.id;
    this.found(shop.variantByInventoryItem(input.inventoryItemId), `InventoryItem ${input.inventoryItemId}`);
    this.found(shop.locations.byId(locationId), `Location ${locationId}`);
    const current = shop.inventoryLevel(input.inventoryItemId, locationId);
    const available = input.available ?? (current?.available ?? 0) + (input.delta ?? 0);
    const level = { inventoryItemId: input.inventoryItemId, locationId, available, updatedAt: Date.now() };
    shop.setInventoryLevel(level);
    const topic = current ? "inventory_levels/update" : "inventory_levels/connect";
    return { available, deliveries: this.sim.publish(shop, topic, inventoryLevelPayload(level, shop.timezone)) };
  }

  createCustomer(shop: SimulatedShop, input: CustomerInput = {}): { customer: CustomerRecord; deliveries: Delivery[] } {
    const { index, id } = shop.customers.nextId();
    const template = shop.generator.customer(index);
    const now = Date.now();
    const customer: CustomerRecord = { ...template, ...definedOnly(input), id, createdAt: now, updatedAt: now };
    shop.customers.add(customer);
    return { customer, deliveries: this.sim.publish(shop, "customers/create", customerPayload(shop, customer)) };
  }

  updateCustomer(
    shop: SimulatedShop,
    id: string,
    input: CustomerInput,
  ): { customer: CustomerRecord; deliveries: Delivery[] } {
    const current = this.found(shop.customers.byId(id), `Customer ${id}`);
    const customer = shop.customers.replace({
      ...current,
      ...definedOnly(input),
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
    return { customer, deliveries: this.sim.publish(shop, "customers/update", customerPayload(shop, customer)) };
  }

  deleteCustomer(shop: SimulatedShop, id: string): { deliveries: Delivery[] } {
    const customer = this.found(shop.customers.byId(id), `Customer ${id}`);
    if (shop.customerOrderIndexes(id).length > 0)
      throw new ChangeError("Customer can't be deleted because they have orders");
    shop.customers.remove(id);
    return { deliveries: this.sim.publish(shop, "customers/delete", deletedCustomerPayload(customer)) };
  }

  createOrder(shop: SimulatedShop, input: OrderInput = {}): { order: OrderRecord; deliveries: Delivery[] } {
    const { index, id } = shop.orders.nextId();
    const template = shop.generator.order(index);
    const now = Date.now();
    let lineItems = template.lineItems;
    if (input.lineItems?.length) {
      lineItems = input.lineItems.map((line, k) => {
        const { product, variant } = this.found(shop.variant(line.variantId), `ProductVariant ${line.variantId}`);
        const item = variantLineItem(
          shopifyId(shop.slot, "LineItem", index * CHILD_STRIDE + k),
          product,
          variant,
          line.quantity ?? 1,
        );
        item.taxCents = Math.round(item.priceCents * item.quantity * template.taxRate);
        return item;
      });
    }
    const customerId = input.customerId === undefined ? template.customerId : input.customerId;
    const customer = customerId ? this.found(shop.customers.byId(customerId), `Customer ${customerId}`) : undefined;
    const financialStatus = input.financialStatus ?? "PAID";
    const order: OrderRecord = {
      ...template,
      id,
      customerId: customer?.id ?? null,
      email: input.email ?? customer?.email ?? template.email,
      lineItems,
      discountCodes: input.lineItems ? [] : template.discountCodes,
      presentmentCurrency: input.presentmentCurrency ?? template.presentmentCurrency,
      exchangeRate:
        input.presentmentCurrency && input.presentmentCurrency !== shop.currency ? 0.92 : template.exchangeRate,
      note: input.note ?? template.note,
      tags: input.tags ?? template.tags,
      sourceName: input.sourceName ?? template.sourceName,
      financialStatus,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
      refunds: [],
      fulfillments: [],
      createdAt: now,
      updatedAt: now,
      processedAt: now,
    };
    order.transactions = [
      {
        ...template.transactions[0]!,
        kind: financialStatus === "AUTHORIZED" ? "AUTHORIZATION" : "SALE",
        status: financialStatus === "PENDING" ? "PENDING" : "SUCCESS",
        amountCents: orderTotals(order).totalCents,
        createdAt: now,
      },
    ];
    shop.orders.add(order);
    shop.invalidateCustomerStats();
    const deliveries = [...this.sim.publish(shop, "orders/create", orderPayload(shop, order))];
    if (financialStatus === "PAID")
      deliveries.push(...this.sim.publish(shop, "orders/paid", orderPayload(shop, order)));
    for (const item of order.lineItems) {
      if (!item.variantId) continue;
      const { variant } = shop.variant(item.variantId)!;
      deliveries.push(
        ...this.setInventory(shop, { inventoryItemId: variant.inventoryItemId, delta: -item.quantity }).deliveries,
      );
    }
    if (customer) deliveries.push(...this.sim.publish(shop, "customers/update", customerPayload(shop, customer)));
    return { order, deliveries };
  }

  /** `count` new orders, each with the webhooks of a real checkout. */
  burst(shop: SimulatedShop, count: number): { orders: string[]; deliveries: number } {
    if (!Number.isInteger(count) || count < 1 || count > 100_000)
      throw new ChangeError("count must be an integer from 1 to 100000");
    const orders: string[] = [];
    let deliveries = 0;
    for (let k = 0; k < count; k += 1) {
      const result = this.createOrder(shop);
      orders.push(result.order.id);
      deliveries += result.deliveries.length;
    }
    return { orders, deliveries };
  }

  private changeOrder(
    shop: SimulatedShop,
    id: string,
    change: (order: OrderRecord, now: number) => OrderRecord,
  ): OrderRecord {
    const current = this.found(shop.orders.byId(id), `Order ${id}`);
    const now = Math.max(Date.now(), current.updatedAt + 1);
    const order = shop.orders.replace(change(structuredClone(current), now));
    shop.invalidateCustomerStats();
    return order;
  }

  updateOrder(shop: SimulatedShop, id: string, input: { note?: string | null; tags?: string[]; email?: string }) {
    const order = this.changeOrder(shop, id, (order, now) => ({ ...order, ...definedOnly(input), updatedAt: now }));
    return { order, deliveries: this.sim.publish(shop, "orders/updated", orderPayload(shop, order)) };
  }

  cancelOrder(shop: SimulatedShop, id: string, reason: OrderRecord["cancelReason"] = "CUSTOMER") {
    const existing = this.found(shop.orders.byId(id), `Order ${id}`);
    if (existing.cancelledAt) throw new ChangeError("Order has already been cancelled");
    let refund: RefundRecord | undefined;
    const order = this.changeOrder(shop, id, (order, now) => {
      refund = this.refundRecord(
        shop,
        order,
        order.lineItems.map((item) => ({ lineItemId: item.id, quantity: item.quantity })),
        now,
        "CANCEL",
      );
      return {
        ...order,
        cancelledAt: now,
        cancelReason: reason,
        closedAt: now,
        refunds: [...order.refunds, refund],
        financialStatus: "REFUNDED",
        updatedAt: now,
      };
    });
    const deliveries = [
      ...this.sim.publish(shop, "orders/cancelled", orderPayload(shop, order)),
      ...this.sim.publish(shop, "refunds/create", refundPayload(order, refund!, shop.timezone)),
      ...this.sim.publish(shop, "orders/updated", orderPayload(shop, order)),
    ];
    return { order, deliveries };
  }

  /** Ships what is left to ship, or only `input.lineItems` (a partial fulfillment). */
  fulfillOrder(
    shop: SimulatedShop,
    id: string,
    input: { lineItems?: { lineItemId: string; quantity: number }[] } = {},
  ) {
    const order = this.changeOrder(shop, id, (order, now) => {
      if (order.cancelledAt) throw new ChangeError("A cancelled order cannot be fulfilled");
      const left = order.lineItems.map((item) => ({
        lineItemId: item.id,
        quantity: item.quantity - shippedOrRefunded(order, item.id),
      }));
      for (const wanted of input.lineItems ?? []) {
        const available = left.find((item) => item.lineItemId === wanted.lineItemId);
        if (!available) throw new ChangeError(`LineItem ${wanted.lineItemId} is not on order ${order.id}`);
        if (wanted.quantity < 1 || wanted.quantity > available.quantity)
          throw new ChangeError(
            `Cannot fulfill ${wanted.quantity} of ${wanted.lineItemId}: ${available.quantity} left`,
          );
      }
      const open = (input.lineItems ?? left).filter((item) => item.quantity > 0);
      if (open.length === 0) throw new ChangeError("Order has nothing left to fulfill");
      const k = order.fulfillments.length;
      order.fulfillments.push({
        id: shopifyId(shop.slot, "Fulfillment", childSerial(shop, order, k)),
        name: `${order.name}.${k + 1}`,
        status: "SUCCESS",
        locationId: shop.locations.at(0)!.id,
        trackingCompany: "UPS",
        trackingNumber: `1Z${now.toString(16).toUpperCase()}`,
        lineItems: open,
        createdAt: now,
        updatedAt: now,
      });
      return { ...order, updatedAt: now };
    });
    const status = fulfillmentStatus(order);
    const deliveries = [
      ...this.sim.publish(shop, "fulfillments/create", fulfillmentPayloads(order, shop.timezone).at(-1)),
      ...this.sim.publish(
        shop,
        status === "FULFILLED" ? "orders/fulfilled" : "orders/partially_fulfilled",
        orderPayload(shop, order),
      ),
      ...this.sim.publish(shop, "orders/updated", orderPayload(shop, order)),
    ];
    return { order, deliveries };
  }

  refundOrder(
    shop: SimulatedShop,
    id: string,
    input: { lineItems?: { lineItemId: string; quantity: number }[]; note?: string },
  ) {
    let refund: RefundRecord | undefined;
    const order = this.changeOrder(shop, id, (order, now) => {
      const lines =
        input.lineItems ??
        order.lineItems.map((item) => ({ lineItemId: item.id, quantity: item.quantity - refundedOf(order, item.id) }));
      const open = lines.filter((line) => line.quantity > 0);
      if (open.length === 0) throw new ChangeError("Nothing left to refund");
      refund = this.refundRecord(shop, order, open, now, "RETURN");
      if (input.note) refund.note = input.note;
      order.refunds.push(refund);
      const totals = orderTotals(order);
      order.financialStatus =
        totals.refundedCents >= totals.totalCents - totals.shippingCents ? "REFUNDED" : "PARTIALLY_REFUNDED";
      return { ...order, updatedAt: now };
    });
    const deliveries = [
      ...this.sim.publish(shop, "refunds/create", refundPayload(order, refund!, shop.timezone)),
      ...this.sim.publish(shop, "orders/updated", orderPayload(shop, order)),
    ];
    return { order, refund: refund!, deliveries };
  }

  private refundRecord(
    shop: SimulatedShop,
    order: OrderRecord,
    lines: { lineItemId: string; quantity: number }[],
    now: number,
    restockType: "RETURN" | "CANCEL",
  ): RefundRecord {
    const k = order.refunds.length;
    const orderIndex = shop.orders.indexOf(order.id)!;
    const lineItems = lines.map((line, j) => {
      const item = order.lineItems.find((candidate) => candidate.id === line.lineItemId);
      if (!item) throw new ChangeError(`LineItem ${line.lineItemId} is not on order ${order.id}`);
      if (line.quantity > item.quantity - refundedOf(order, item.id))
        throw new ChangeError(`Cannot refund more than was bought of ${item.id}`);
      const share = line.quantity / item.quantity;
      return {
        id: shopifyId(shop.slot, "RefundLineItem", k * CHILD_SERIES + orderIndex * CHILD_STRIDE + j),
        lineItemId: item.id,
        quantity: line.quantity,
        subtotalCents: Math.round((item.priceCents * item.quantity - item.discountCents) * share),
        taxCents: Math.round(item.taxCents * share),
        restockType,
        locationId: shop.locations.at(0)!.id,
      };
    });
    const amountCents = lineItems.reduce((sum, item) => sum + item.subtotalCents + item.taxCents, 0);
    return {
      id: shopifyId(shop.slot, "Refund", childSerial(shop, order, k)),
      note: restockType === "CANCEL" ? "Order cancelled" : null,
      createdAt: now,
      lineItems,
      transactions: [
        {
          id: shopifyId(shop.slot, "OrderTransaction", k * CHILD_SERIES + orderIndex * 4 + 1),
          kind: "REFUND",
          status: "SUCCESS",
          gateway: order.transactions[0]?.gateway ?? "manual",
          amountCents,
          createdAt: now,
          parentId: order.transactions[0]?.id ?? null,
        },
      ],
    };
  }

  deleteOrder(shop: SimulatedShop, id: string) {
    const order = this.found(shop.orders.remove(id), `Order ${id}`);
    shop.invalidateCustomerStats();
    return { deliveries: this.sim.publish(shop, "orders/delete", { id: num(order.id) }) };
  }

  createCart(shop: SimulatedShop, input: { lineItems?: { variantId: string; quantity?: number }[] } = {}) {
    const { index, id } = shop.carts.nextId();
    const template = shop.generator.cart(index);
    const now = Date.now();
    const cart: CartRecord & { id: string } = {
      ...template,
      id,
      lineItems: input.lineItems ? this.cartLines(shop, input.lineItems) : template.lineItems,
      createdAt: now,
      updatedAt: now,
    };
    shop.carts.add(cart);
    return { cart, deliveries: this.sim.publish(shop, "carts/create", cartPayload(shop, cart)) };
  }

  updateCart(
    shop: SimulatedShop,
    token: string,
    input: { lineItems?: { variantId: string; quantity?: number }[]; note?: string | null },
  ) {
    const current = [...shop.carts.entries()].find(([, cart]) => cart.token === token)?.[1];
    const found = this.found(current, `Cart ${token}`);
    const cart = shop.carts.replace({
      ...found,
      lineItems: input.lineItems ? this.cartLines(shop, input.lineItems) : found.lineItems,
      note: input.note === undefined ? found.note : input.note,
      updatedAt: Math.max(Date.now(), found.updatedAt + 1),
    });
    return { cart, deliveries: this.sim.publish(shop, "carts/update", cartPayload(shop, cart)) };
  }

  private cartLines(shop: SimulatedShop, lines: { variantId: string; quantity?: number }[]): CartRecord["lineItems"] {
    return lines.map((line) => {
      const { product, variant } = this.found(shop.variant(line.variantId), `ProductVariant ${line.variantId}`);
      return cartLine(product, variant, line.quantity ?? 1);
    });
  }

  /** The merchant removes the app: app/uninstalled, then every token and API subscription is gone. */
  uninstall(shop: SimulatedShop) {
    if (!shop.installed) throw new ChangeError("The app is not installed on this shop");
    const deliveries = this.sim.publish(shop, "app/uninstalled", shopPayload(shop));
    shop.grantedScopes = [];
    this.sim.oauth.revokeShop(shop.domain);
    this.sim.subscriptions.deleteAllFor(shop.domain);
    return { deliveries };
  }

  /** An inventory item's own fields (Products > a variant's SKU or cost): inventory_items/update. */
  updateInventoryItem(shop: SimulatedShop, inventoryItemId: string, input: { sku?: string; cost?: string }) {
    const { product, variant } = this.found(
      shop.variantByInventoryItem(inventoryItemId),
      `InventoryItem ${inventoryItemId}`,
    );
    const now = Math.max(Date.now(), variant.updatedAt + 1);
    const changed = {
      ...variant,
      sku: input.sku ?? variant.sku,
      costCents: input.cost === undefined ? variant.costCents : cents(input.cost),
      updatedAt: now,
    };
    shop.products.replace({
      ...product,
      variants: product.variants.map((candidate) => (candidate.id === variant.id ? changed : candidate)),
      updatedAt: now,
    });
    return { deliveries: this.sim.publish(shop, "inventory_items/update", inventoryItemPayload(shop, changed)) };
  }

  /** An item no longer stocked at a location: inventory_levels/disconnect. */
  disconnectInventory(shop: SimulatedShop, input: { inventoryItemId: string; locationId: string }) {
    this.found(shop.inventoryLevel(input.inventoryItemId, input.locationId), "InventoryLevel");
    shop.removeInventoryLevel(input.inventoryItemId, input.locationId);
    return {
      deliveries: this.sim.publish(shop, "inventory_levels/disconnect", {
        inventory_item_id: num(input.inventoryItemId),
        location_id: num(input.locationId),
      }),
    };
  }

  createLocation(shop: SimulatedShop, input: { name?: string } = {}) {
    const { index, id } = shop.locations.nextId();
    const now = Date.now();
    const location: LocationRecord = { ...shop.generator.location(index), id, createdAt: now, updatedAt: now };
    if (input.name) location.name = input.name;
    shop.locations.add(location);
    return {
      location,
      deliveries: this.sim.publish(shop, "locations/create", locationPayload(location, shop.timezone)),
    };
  }

  updateLocation(shop: SimulatedShop, id: string, input: { name?: string; active?: boolean }) {
    const current = this.found(shop.locations.byId(id), `Location ${id}`);
    const location = shop.locations.replace({
      ...current,
      name: input.name ?? current.name,
      isActive: input.active ?? current.isActive,
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
    return {
      location,
      deliveries: this.sim.publish(shop, "locations/update", locationPayload(location, shop.timezone)),
    };
  }

  deleteLocation(shop: SimulatedShop, id: string) {
    if (shop.locations.indexOf(id) === 0) throw new ChangeError("The primary location cannot be deleted");
    const location = this.found(shop.locations.remove(id), `Location ${id}`);
    return { deliveries: this.sim.publish(shop, "locations/delete", { id: num(location.id) }) };
  }

  /** The customer's account activated (customers/enable) or disabled (customers/disable) by staff. */
  setCustomerAccount(shop: SimulatedShop, id: string, change: "enable" | "disable") {
    const current = this.found(shop.customers.byId(id), `Customer ${id}`);
    const customer = shop.customers.replace({
      ...current,
      state: change === "enable" ? "ENABLED" : "DISABLED",
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
    return {
      customer,
      deliveries: this.sim.publish(
        shop,
        change === "enable" ? "customers/enable" : "customers/disable",
        customerPayload(shop, customer),
      ),
    };
  }

  /** Staff edit a placed order (adding items): orders/edited with the edit, then orders/updated. */
  editOrder(shop: SimulatedShop, id: string, input: { add: { variantId: string; quantity?: number }[] }) {
    if (input.add.length === 0) throw new ChangeError("An order edit adds at least one item");
    const additions: { id: string; delta: number }[] = [];
    let editedAt = 0;
    const order = this.changeOrder(shop, id, (order, now) => {
      if (order.cancelledAt) throw new ChangeError("A cancelled order cannot be edited");
      if (order.lineItems.length + input.add.length > CHILD_STRIDE)
        throw new ChangeError("The order has too many line items");
      const index = shop.orders.indexOf(order.id)!;
      for (const line of input.add) {
        const { product, variant } = this.found(shop.variant(line.variantId), `ProductVariant ${line.variantId}`);
        const item = variantLineItem(
          shopifyId(shop.slot, "LineItem", index * CHILD_STRIDE + order.lineItems.length),
          product,
          variant,
          line.quantity ?? 1,
        );
        item.taxCents = Math.round(item.priceCents * item.quantity * order.taxRate);
        order.lineItems.push(item);
        additions.push({ id: item.id, delta: item.quantity });
      }
      editedAt = now;
      return { ...order, updatedAt: now };
    });
    const edit = {
      order_edit: {
        id: num(String(editedAt)),
        app_id: null,
        created_at: restTime(editedAt, shop.timezone),
        committed_at: restTime(editedAt, shop.timezone),
        notify_customer: false,
        order_id: num(order.id),
        staff_note: "",
        user_id: null,
        line_items: { additions: additions.map((entry) => ({ id: num(entry.id), delta: entry.delta })), removals: [] },
        discounts: { line_item: { additions: [], removals: [] } },
        shipping_lines: { additions: [], removals: [] },
      },
    };
    const deliveries = [
      ...this.sim.publish(shop, "orders/edited", edit),
      ...this.sim.publish(shop, "orders/updated", orderPayload(shop, order)),
    ];
    return { order, deliveries };
  }

  /** A store setting changed (Settings > General): shop/update with the whole shop. */
  updateShop(shop: SimulatedShop, input: { name?: string; email?: string }) {
    if (input.name !== undefined) shop.name = input.name;
    if (input.email !== undefined) shop.email = input.email;
    shop.updatedAt = Math.max(Date.now(), shop.updatedAt + 1);
    return { deliveries: this.sim.publish(shop, "shop/update", shopPayload(shop)) };
  }

  /** The merchant accepted another set of scopes for the app: app/scopes_update. */
  updateScopes(shop: SimulatedShop, scopes: string[]) {
    if (!shop.installed) throw new ChangeError("The app is not installed on this shop");
    if (scopes.length === 0) throw new ChangeError("At least one scope is granted while the app is installed");
    const previous = [...shop.grantedScopes];
    shop.grantedScopes = [...scopes];
    return {
      scopes: shop.grantedScopes,
      deliveries: this.sim.publish(shop, "app/scopes_update", {
        id: num(String(Date.now())),
        shop_id: gid("Shop", shop.id),
        previous,
        current: shop.grantedScopes,
        updated_at: new Date().toISOString(),
      }),
    };
  }

  /** The three mandatory compliance webhooks, as Shopify sends them on a customer's or merchant's request. */
  compliance(
    shop: SimulatedShop,
    topic: "customers/data_request" | "customers/redact" | "shop/redact",
    input: { customerId?: string } = {},
  ) {
    const base = { shop_id: num(shop.id), shop_domain: shop.domain };
    if (topic === "shop/redact") return { deliveries: this.sim.publish(shop, topic, base) };
    const customerId = this.found(input.customerId, "customerId");
    const customer = this.found(shop.customers.byId(customerId), `Customer ${customerId}`);
    const orders = shop.customerOrderIndexes(customer.id).map((index) => num(shop.orders.at(index)?.id));
    const customerPart = { id: num(customer.id), email: customer.email, phone: customer.phone };
    const payload =
      topic === "customers/redact"
        ? { ...base, customer: customerPart, orders_to_redact: orders }
        : { ...base, customer: customerPart, orders_requested: orders, data_request: { id: num(String(Date.now())) } };
    return { deliveries: this.sim.publish(shop, topic, payload) };
  }
}

/** The k-th refund or fulfillment of an order: generated ones are k = 0, see the generator. */
function childSerial(shop: SimulatedShop, order: OrderRecord, k: number): number {
  return k * CHILD_SERIES + shop.orders.indexOf(order.id)!;
}

function refundedOf(order: OrderRecord, lineItemId: string): number {
  let quantity = 0;
  for (const refund of order.refunds)
    for (const item of refund.lineItems) if (item.lineItemId === lineItemId) quantity += item.quantity;
  return quantity;
}

function shippedOrRefunded(order: OrderRecord, lineItemId: string): number {
  let quantity = refundedOf(order, lineItemId);
  for (const fulfillment of order.fulfillments)
    for (const item of fulfillment.lineItems) if (item.lineItemId === lineItemId) quantity += item.quantity;
  return quantity;
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
