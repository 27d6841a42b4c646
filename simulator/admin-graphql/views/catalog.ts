// Products, variants, inventory items and levels, locations.
import { GraphQLError } from "graphql";
import { gid, parseGid } from "../../ids";
import { CHILD_STRIDE } from "../../shop/generator";
import type { SimulatedShop } from "../../shop/shop";
import type { InventoryLevelRecord, LocationRecord, ProductRecord, VariantRecord } from "../../shop/records";
import { arraySource, connection, type ConnectionArgs, type ConnectionSpec } from "../connection";
import type { GraphqlContext } from "../context";
import type { SearchFields } from "../search-query";
import { count, iso, money } from "./common";

const INVENTORY_QUANTITY_NAMES = [
  "available",
  "on_hand",
  "committed",
  "incoming",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
];

export function productView(shop: SimulatedShop, product: ProductRecord) {
  const prices = product.variants.map((variant) => variant.priceCents);
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    legacyResourceId: product.id,
    title: product.title,
    handle: product.handle,
    descriptionHtml: product.bodyHtml,
    description: product.bodyHtml.replace(/<[^>]+>/g, ""),
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    createdAt: iso(product.createdAt),
    updatedAt: iso(product.updatedAt),
    publishedAt: iso(product.publishedAt),
    isGiftCard: false,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0]!.title === "Default Title",
    hasOutOfStockVariants: product.variants.some((variant) => shop.totalInventory(variant) <= 0),
    tracksInventory: true,
    totalInventory: () => product.variants.reduce((sum, variant) => sum + shop.totalInventory(variant), 0),
    templateSuffix: null,
    onlineStoreUrl: product.status === "ACTIVE" ? `https://${shop.domain}/products/${product.handle}` : null,
    seo: { title: null, description: null },
    options: (args: { first?: number | null }) =>
      product.options.slice(0, args.first ?? undefined).map((option) => ({
        __typename: "ProductOption",
        id: gid("ProductOption", option.id),
        name: option.name,
        position: option.position,
        values: option.values,
        optionValues: option.values.map((value, k) => ({
          __typename: "ProductOptionValue",
          id: gid("ProductOptionValue", `${option.id}${k}`),
          name: value,
          hasVariants: true,
        })),
      })),
    priceRangeV2: {
      minVariantPrice: money(Math.min(...prices), shop.currency),
      maxVariantPrice: money(Math.max(...prices), shop.currency),
    },
    variantsCount: count(product.variants.length),
    variants: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        { source: arraySource(product.variants), view: (v) => variantView(shop, v, product), id: (v) => v.id },
        args,
        context,
      ),
  };
}

export function variantView(shop: SimulatedShop, variant: VariantRecord, product?: ProductRecord) {
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    legacyResourceId: variant.id,
    title: variant.title,
    displayName: () => `${(product ?? shop.variant(variant.id)?.product)?.title ?? ""} - ${variant.title}`,
    sku: variant.sku,
    barcode: variant.barcode,
    price: (variant.priceCents / 100).toFixed(2),
    compareAtPrice: variant.compareAtPriceCents === null ? null : (variant.compareAtPriceCents / 100).toFixed(2),
    position: variant.position,
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: () => shop.totalInventory(variant),
    sellableOnlineQuantity: () => Math.max(0, shop.totalInventory(variant)),
    availableForSale: () => variant.inventoryPolicy === "CONTINUE" || shop.totalInventory(variant) > 0,
    taxable: variant.taxable,
    requiresComponents: false,
    showUnitPrice: false,
    selectedOptions: variant.options.map((value, k) => ({
      __typename: "SelectedOption",
      name: (product ?? shop.variant(variant.id)?.product)?.options[k]?.name ?? "Title",
      value,
    })),
    createdAt: iso(variant.createdAt),
    updatedAt: iso(variant.updatedAt),
    product: () => {
      const owner = product ?? shop.variant(variant.id)?.product;
      return owner ? productView(shop, owner) : null;
    },
    inventoryItem: () => inventoryItemView(shop, variant),
  };
}

export function inventoryItemView(shop: SimulatedShop, variant: VariantRecord) {
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", variant.inventoryItemId),
    legacyResourceId: variant.inventoryItemId,
    sku: variant.sku,
    tracked: true,
    requiresShipping: true,
    duplicateSkuCount: 0,
    countryCodeOfOrigin: null,
    provinceCodeOfOrigin: null,
    harmonizedSystemCode: null,
    unitCost: money(variant.costCents, shop.currency),
    measurement: {
      __typename: "InventoryItemMeasurement",
      id: gid("InventoryItemMeasurement", variant.inventoryItemId),
      weight: { unit: "GRAMS", value: variant.grams },
    },
    createdAt: iso(variant.createdAt),
    updatedAt: iso(variant.updatedAt),
    locationsCount: () => count(shop.inventoryLevels(variant.inventoryItemId).length),
    variant: () => variantView(shop, variant),
    variants: (args: ConnectionArgs, context: GraphqlContext) =>
      connection({ source: arraySource([variant]), view: (v) => variantView(shop, v), id: (v) => v.id }, args, context),
    inventoryLevel: (args: { locationId: string }) => {
      const level = shop.inventoryLevel(variant.inventoryItemId, parseGid(args.locationId)?.id ?? "");
      return level ? inventoryLevelView(shop, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        {
          source: arraySource(
            shop.inventoryLevels(variant.inventoryItemId).map((level) => ({ ...level, id: level.locationId })),
          ),
          view: (level) => inventoryLevelView(shop, level),
          id: (level) => level.id,
        },
        args,
        context,
      ),
  };
}

export function inventoryLevelId(level: Pick<InventoryLevelRecord, "inventoryItemId" | "locationId">): string {
  return `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.inventoryItemId}`;
}

export function inventoryLevelView(shop: SimulatedShop, level: InventoryLevelRecord) {
  return {
    __typename: "InventoryLevel",
    id: inventoryLevelId(level),
    isActive: true,
    canDeactivate: true,
    deactivationAlert: null,
    createdAt: iso(shop.createdAt),
    updatedAt: iso(level.updatedAt),
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!INVENTORY_QUANTITY_NAMES.includes(name)) {
          throw new GraphQLError(`${name} is not a valid inventory quantity name.`);
        }
        const quantity = name === "available" || name === "on_hand" ? level.available : 0;
        return {
          __typename: "InventoryQuantity",
          id: `${inventoryLevelId(level)}&name=${name}`,
          name,
          quantity,
          updatedAt: iso(level.updatedAt),
        };
      }),
    item: () => {
      const found = shop.variantByInventoryItem(level.inventoryItemId);
      return found ? inventoryItemView(shop, found.variant) : null;
    },
    location: () => {
      const location = shop.locations.byId(level.locationId);
      return location ? locationView(shop, location) : null;
    },
  };
}

export function locationView(shop: SimulatedShop, location: LocationRecord) {
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    legacyResourceId: location.id,
    name: location.name,
    isActive: location.isActive,
    activatable: !location.isActive,
    deactivatable: location.isActive,
    deletable: false,
    deactivatedAt: null,
    addressVerified: true,
    fulfillsOnlineOrders: true,
    hasActiveInventory: true,
    hasUnfulfilledOrders: false,
    isFulfillmentService: false,
    shipsInventory: true,
    createdAt: iso(location.createdAt),
    updatedAt: iso(location.updatedAt),
    address: {
      __typename: "LocationAddress",
      ...location.address,
      formatted: [
        location.address.address1,
        `${location.address.city} ${location.address.provinceCode} ${location.address.zip}`,
        location.address.country,
      ],
    },
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const level = shop.inventoryLevel(parseGid(args.inventoryItemId)?.id ?? "", location.id);
      return level ? inventoryLevelView(shop, level) : null;
    },
  };
}

export const productSearch: SearchFields<ProductRecord> = {
  id: (p) => p.id,
  title: (p) => p.title,
  handle: (p) => p.handle,
  vendor: (p) => p.vendor,
  product_type: (p) => p.productType,
  status: (p) => p.status,
  tag: (p) => p.tags,
  sku: (p) => p.variants.map((v) => v.sku),
  created_at: (p) => p.createdAt,
  updated_at: (p) => p.updatedAt,
  published_at: (p) => p.publishedAt,
};

export function productsConnection(shop: SimulatedShop, args: ConnectionArgs, context: GraphqlContext) {
  const spec: ConnectionSpec<ProductRecord> = {
    source: shop.products,
    view: (p) => productView(shop, p),
    id: (p) => p.id,
    search: { fields: productSearch, text: (p) => `${p.title} ${p.vendor} ${p.productType} ${p.tags.join(" ")}` },
    sortKeys: { TITLE: (p) => p.title, UPDATED_AT: (p) => p.updatedAt, VENDOR: (p) => p.vendor },
    root: true,
  };
  return connection(spec, args, context);
}

/** All variants of all live products, in product order (flattened lazily). */
export function variantSource(shop: SimulatedShop) {
  return {
    length: shop.products.length * CHILD_STRIDE,
    at: (index: number) =>
      shop.products.at(Math.floor(index / CHILD_STRIDE))?.variants.find((v) => v.position - 1 === index % CHILD_STRIDE),
    indexOf: (id: string) => {
      const found = shop.variant(id);
      if (!found) return undefined;
      return (shop.products.indexOf(found.product.id) ?? 0) * CHILD_STRIDE + found.variant.position - 1;
    },
  };
}

export const variantSearch: SearchFields<VariantRecord> = {
  id: (v) => v.id,
  sku: (v) => v.sku,
  barcode: (v) => v.barcode,
  title: (v) => v.title,
  product_id: (v) => v.productId,
  created_at: (v) => v.createdAt,
  updated_at: (v) => v.updatedAt,
};
