// One simulated shop: its profile, its resource collections over the lazy
// generator, inventory levels, and the app's installation state.
import { shopifyId } from "../ids";
import { ResourceCollection } from "./collection";
import { CHILD_STRIDE, ShopGenerator, type ShopCounts } from "./generator";
import { orderTotals } from "./order-totals";
import type {
  CartRecord,
  CustomerRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  VariantRecord,
} from "./records";

/** "Grow" is the current name of the plan once called "Shopify". */
export type PlanName = "Basic" | "Grow" | "Shopify" | "Advanced" | "Plus" | "Enterprise";

/** Admin GraphQL restore rate (points/s) by plan, from Shopify's rate-limit documentation. */
export const RESTORE_RATE: Record<PlanName, number> = {
  Basic: 100,
  Grow: 100,
  Shopify: 100,
  Advanced: 200,
  Plus: 1000,
  Enterprise: 2000,
};

export interface ShopOptions {
  domain: string;
  name?: string;
  seed?: string;
  plan?: PlanName;
  currency?: string;
  timezone?: string;
  counts?: Partial<ShopCounts>;
  /** End of the generated history (ISO date or ms); defaults to now. */
  asOf?: string | number;
  historyDays?: number;
  maxVariantsPerProduct?: number;
}

export const DEFAULT_COUNTS: ShopCounts = { locations: 2, products: 10, customers: 20, orders: 50, carts: 5 };

interface CustomerStats {
  orderIndexes: Map<string, number[]>;
}

export class SimulatedShop {
  readonly domain: string;
  /** Settings the merchant can change (shop/update). */
  name: string;
  email: string;
  updatedAt: number;
  readonly id: string;
  readonly plan: PlanName;
  readonly currency: string;
  readonly timezone: string;
  readonly createdAt: number;
  readonly generator: ShopGenerator;
  readonly locations: ResourceCollection<LocationRecord>;
  readonly products: ResourceCollection<ProductRecord>;
  readonly customers: ResourceCollection<CustomerRecord>;
  readonly orders: ResourceCollection<OrderRecord>;
  readonly carts: ResourceCollection<CartRecord & { id: string }>;
  private readonly inventory = new Map<string, InventoryLevelRecord | null>();
  private stats: CustomerStats | undefined;
  /** Scopes granted to the app; empty while it is not installed. */
  grantedScopes: string[] = [];

  constructor(
    readonly slot: number,
    options: ShopOptions,
  ) {
    const counts = { ...DEFAULT_COUNTS, ...options.counts };
    counts.locations = Math.max(1, counts.locations);
    const asOf = options.asOf === undefined ? Date.now() : new Date(options.asOf).getTime();
    this.domain = options.domain;
    this.name = options.name ?? titleFromDomain(options.domain);
    this.id = shopifyId(slot, "Shop", 1);
    this.plan = options.plan ?? "Shopify";
    this.currency = options.currency ?? "USD";
    this.timezone = options.timezone ?? "America/New_York";
    this.generator = new ShopGenerator({
      seed: options.seed ?? options.domain,
      slot,
      domain: options.domain,
      currency: this.currency,
      counts,
      asOf,
      historyDays: options.historyDays ?? 365,
      maxVariantsPerProduct: Math.min(CHILD_STRIDE, options.maxVariantsPerProduct ?? 4),
    });
    this.createdAt = this.generator.start;
    this.updatedAt = this.createdAt;
    this.email = `owner@${options.domain}`;
    const g = this.generator;
    this.locations = new ResourceCollection(slot, "Location", counts.locations, (i) => g.location(i));
    this.products = new ResourceCollection(slot, "Product", counts.products, (i) => g.product(i));
    this.customers = new ResourceCollection(slot, "Customer", counts.customers, (i) => g.customer(i));
    this.orders = new ResourceCollection(slot, "Order", counts.orders, (i) => g.order(i));
    this.carts = new ResourceCollection(slot, "Cart", counts.carts, (i) => ({
      ...g.cart(i),
      id: shopifyId(slot, "Cart", i),
    }));
  }

  get installed(): boolean {
    return this.grantedScopes.length > 0;
  }

  get counts(): ShopCounts {
    return {
      locations: this.locations.count,
      products: this.products.count,
      customers: this.customers.count,
      orders: this.orders.count,
      carts: this.carts.count,
    };
  }

  variant(id: string): { product: ProductRecord; variant: VariantRecord } | undefined {
    return this.variantAt(this.variantIndex(id, "ProductVariant"));
  }

  variantByInventoryItem(id: string): { product: ProductRecord; variant: VariantRecord } | undefined {
    return this.variantAt(this.variantIndex(id, "InventoryItem"));
  }

  private variantIndex(id: string, resource: "ProductVariant" | "InventoryItem"): number | undefined {
    const base = BigInt(shopifyId(this.slot, resource, 0));
    try {
      const offset = BigInt(id) - base;
      return offset >= 0n && offset < BigInt(this.products.length * CHILD_STRIDE) ? Number(offset) : undefined;
    } catch {
      return undefined;
    }
  }

  private variantAt(index: number | undefined) {
    if (index === undefined) return undefined;
    const product = this.products.at(Math.floor(index / CHILD_STRIDE));
    const variant = product?.variants.find(
      (candidate) => candidate.id === shopifyId(this.slot, "ProductVariant", index),
    );
    return product && variant ? { product, variant } : undefined;
  }

  inventoryLevel(inventoryItemId: string, locationId: string): InventoryLevelRecord | undefined {
    const key = `${inventoryItemId}:${locationId}`;
    const stored = this.inventory.get(key);
    if (stored !== undefined) return stored ?? undefined;
    const found = this.variantByInventoryItem(inventoryItemId);
    const locationIndex = this.locations.indexOf(locationId);
    if (!found || locationIndex === undefined || !this.locations.at(locationIndex)) return undefined;
    const variantIndex = this.variantIndex(inventoryItemId, "InventoryItem")!;
    const available = this.generator.inventoryAvailable(variantIndex, locationIndex);
    if (available === null) return undefined;
    return { inventoryItemId, locationId, available, updatedAt: found.variant.updatedAt };
  }

  inventoryLevels(inventoryItemId: string): InventoryLevelRecord[] {
    const levels: InventoryLevelRecord[] = [];
    for (const [, location] of this.locations.entries()) {
      const level = this.inventoryLevel(inventoryItemId, location.id);
      if (level) levels.push(level);
    }
    return levels;
  }

  setInventoryLevel(level: InventoryLevelRecord): void {
    this.inventory.set(`${level.inventoryItemId}:${level.locationId}`, level);
  }

  removeInventoryLevel(inventoryItemId: string, locationId: string): void {
    this.inventory.set(`${inventoryItemId}:${locationId}`, null);
  }

  totalInventory(variant: VariantRecord): number {
    return this.inventoryLevels(variant.inventoryItemId).reduce((sum, level) => sum + level.available, 0);
  }

  /** Orders per customer, computed once on demand (cheap: no full order is generated). */
  customerOrderIndexes(customerId: string): number[] {
    if (!this.stats) {
      const orderIndexes = new Map<string, number[]>();
      for (let index = 0; index < this.orders.length; index += 1) {
        if (this.orders.isDeleted(index)) continue;
        const generated = index < this.generator.spec.counts.orders;
        const customerIdOfOrder = generated
          ? customerIdFor(this, this.generator.customerIndexForOrder(index))
          : this.orders.at(index)!.customerId;
        if (!customerIdOfOrder) continue;
        const list = orderIndexes.get(customerIdOfOrder) ?? [];
        list.push(index);
        orderIndexes.set(customerIdOfOrder, list);
      }
      this.stats = { orderIndexes };
    }
    return this.stats.orderIndexes.get(customerId) ?? [];
  }

  customerAmountSpentCents(customerId: string): number {
    return this.customerOrderIndexes(customerId).reduce((sum, index) => {
      const order = this.orders.at(index);
      if (!order || order.cancelledAt) return sum;
      const totals = orderTotals(order);
      return sum + totals.totalCents - totals.refundedCents;
    }, 0);
  }

  /** Call after any order change that could move customer statistics. */
  invalidateCustomerStats(): void {
    this.stats = undefined;
  }
}

function customerIdFor(shop: SimulatedShop, index: number | undefined): string | null {
  return index === undefined ? null : shopifyId(shop.slot, "Customer", index);
}

function titleFromDomain(domain: string): string {
  const handle = domain.replace(/\.myshopify\.com$/, "");
  return handle
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}
