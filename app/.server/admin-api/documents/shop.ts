// The shop's own profile, read once per install.
export const SHOP_PROFILE_QUERY = `#graphql
  query ShopProfile {
    shop {
      id
      name
      email
      myshopifyDomain
      currencyCode
      ianaTimezone
      plan {
        publicDisplayName
        partnerDevelopment
        shopifyPlus
      }
    }
  }
`;
