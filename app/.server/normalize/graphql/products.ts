// A bulk `products` line with its `variants` children, in the REST shape.
import type { Payload } from "../values";
import { legacyId, lower, type Node } from "./common";

export function productFromGraphql(product: Node, variants: Node[]): Payload {
  const productId = legacyId(product.id);
  return {
    id: productId,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    product_type: product.productType,
    status: lower(product.status),
    tags: product.tags,
    published_at: product.publishedAt ?? null,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    options: ((product.options as Node[] | undefined) ?? []).map((option) => ({
      id: legacyId(option.id),
      product_id: productId,
      name: option.name,
      position: option.position,
      values: option.values,
    })),
    variants: variants.map((variant) => {
      const options = ((variant.selectedOptions as Node[] | undefined) ?? []).map((option) => option.value);
      return {
        id: legacyId(variant.id),
        product_id: productId,
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        position: variant.position,
        price: variant.price,
        compare_at_price: variant.compareAtPrice ?? null,
        inventory_policy: lower(variant.inventoryPolicy),
        inventory_quantity: variant.inventoryQuantity,
        taxable: variant.taxable,
        option1: options[0] ?? null,
        option2: options[1] ?? null,
        option3: options[2] ?? null,
        inventory_item_id: legacyId((variant.inventoryItem as Node | null)?.id),
        created_at: variant.createdAt,
        updated_at: variant.updatedAt,
      };
    }),
  };
}
