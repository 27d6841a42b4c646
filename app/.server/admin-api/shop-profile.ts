// The shop's own profile, read once per install from the Admin GraphQL API.
import { z } from "zod";
import { SHOP_PROFILE_QUERY } from "./documents/shop";
import { parseGid } from "./gid";

const shopProfileResponse = z.object({
  data: z.object({
    shop: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable().optional(),
      myshopifyDomain: z.string(),
      currencyCode: z.string(),
      ianaTimezone: z.string(),
      plan: z.object({
        publicDisplayName: z.string(),
        partnerDevelopment: z.boolean(),
        shopifyPlus: z.boolean(),
      }),
    }),
  }),
});

export interface ShopProfile {
  shopifyId: bigint;
  name: string;
  email: string | null;
  domain: string;
  currency: string;
  timezone: string;
  plan: string;
  raw: unknown;
}

export function parseShopProfile(body: unknown): ShopProfile {
  const { shop } = shopProfileResponse.parse(body).data;
  return {
    shopifyId: parseGid(shop.id, "Shop"),
    name: shop.name,
    email: shop.email ?? null,
    domain: shop.myshopifyDomain,
    currency: shop.currencyCode,
    timezone: shop.ianaTimezone,
    plan: shop.plan.publicDisplayName,
    raw: shop,
  };
}

/** Anything that runs an Admin GraphQL document the way Shopify's clients do. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export async function fetchShopProfile(graphql: AdminGraphql): Promise<ShopProfile> {
  const response = await graphql(SHOP_PROFILE_QUERY);
  return parseShopProfile(await response.json());
}
