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

// The scopes the shop granted the app (`storehouse shops connect` and `doctor` compare them with ACCESS_SCOPES).
export const ACCESS_SCOPES_QUERY = `#graphql
  query AppAccessScopes {
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;
