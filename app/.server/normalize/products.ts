// products/create|update|delete: a product with its variants and options.
import * as canonical from "./canonical";
import {
  array,
  bool,
  int,
  json,
  money,
  requireId,
  shopifyId,
  tags,
  text,
  time,
  type Payload,
  type Row,
} from "./values";

export interface NormalizedProduct {
  product: Row;
  variants: Row[];
  /** Every variant id the payload lists: any other variant of the product is gone. */
  variantIds: bigint[];
}

export function normalizeProduct(payload: Payload, shopCurrency: string | null): NormalizedProduct {
  const productId = requireId(payload.id, "product");
  const variants = array(payload.variants).map((variant) => normalizeVariant(variant, productId, shopCurrency));
  return {
    product: {
      shopify_id: productId,
      title: text(payload.title),
      handle: text(payload.handle),
      vendor: text(payload.vendor),
      product_type: text(payload.product_type),
      status: text(payload.status)?.toLowerCase() ?? null,
      tags: tags(payload.tags),
      options: json(canonical.productOptions(payload.options)),
      published_at: time(payload.published_at),
      created_at: time(payload.created_at),
      updated_at: time(payload.updated_at),
      raw: json(payload),
    },
    variants,
    variantIds: variants.map((variant) => variant.shopify_id as bigint),
  };
}

export function normalizeVariant(variant: Payload, productId: bigint, shopCurrency: string | null): Row {
  const options = [variant.option1, variant.option2, variant.option3].filter(
    (value) => value !== null && value !== undefined,
  );
  return {
    shopify_id: requireId(variant.id, "variant"),
    product_shopify_id: shopifyId(variant.product_id) ?? productId,
    sku: text(variant.sku),
    title: text(variant.title),
    barcode: text(variant.barcode),
    position: int(variant.position),
    price: money(variant.price),
    compare_at_price: money(variant.compare_at_price),
    currency: shopCurrency,
    selected_options: json(options.length ? options : null),
    inventory_item_id: shopifyId(variant.inventory_item_id),
    inventory_quantity: int(variant.inventory_quantity),
    inventory_policy: text(variant.inventory_policy),
    taxable: bool(variant.taxable),
    created_at: time(variant.created_at),
    updated_at: time(variant.updated_at),
    raw: json(variant),
  };
}
