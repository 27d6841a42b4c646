// The backfill's bulk queries, one per resource group. Shopify's limits: at
// most 5 connections and 2 levels of connection nesting, and a nested
// connection's parent must select `id`. Money is read in the shop currency.
// No interpolation: codegen must see each document whole.

export const BULK_PRODUCTS = `#graphql
  query BulkProducts {
    products {
      edges {
        node {
          id legacyResourceId title handle vendor productType status tags createdAt updatedAt publishedAt
          options { id name position values }
          variants {
            edges {
              node {
                id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy
                inventoryQuantity taxable createdAt updatedAt
                selectedOptions { name value }
                inventoryItem { id }
              }
            }
          }
        }
      }
    }
  }
`;

export const BULK_INVENTORY = `#graphql
  query BulkInventory {
    inventoryItems {
      edges {
        node {
          id legacyResourceId sku tracked requiresShipping countryCodeOfOrigin harmonizedSystemCode createdAt updatedAt
          unitCost { amount }
          inventoryLevels {
            edges {
              node {
                id updatedAt
                quantities(names: ["available", "on_hand", "committed"]) { name quantity }
                location { id }
              }
            }
          }
        }
      }
    }
  }
`;

export const BULK_LOCATIONS = `#graphql
  query BulkLocations {
    locations(includeInactive: true) {
      edges {
        node {
          id legacyResourceId name isActive fulfillsOnlineOrders createdAt updatedAt
          address { address1 address2 city zip province provinceCode country countryCode phone }
        }
      }
    }
  }
`;

export const BULK_CUSTOMERS = `#graphql
  query BulkCustomers {
    customers {
      edges {
        node {
          id legacyResourceId firstName lastName email phone state tags note verifiedEmail taxExempt createdAt updatedAt
          numberOfOrders
          amountSpent { amount currencyCode }
          emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
          smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
          defaultAddress { id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name }
          addresses { id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name }
        }
      }
    }
  }
`;

export const BULK_ORDERS = `#graphql
  query BulkOrders {
    orders {
      edges {
        node {
          id legacyResourceId name number email phone note tags test sourceName
          currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus
          processedAt cancelledAt cancelReason closedAt createdAt updatedAt
          subtotalPriceSet { shopMoney { amount } }
          totalPriceSet { shopMoney { amount } }
          totalTaxSet { shopMoney { amount } }
          totalDiscountsSet { shopMoney { amount } }
          totalShippingPriceSet { shopMoney { amount } }
          currentTotalPriceSet { shopMoney { amount } }
          customer { id }
          billingAddress { id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name }
          shippingAddress { id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name }
          discountCodes
          customAttributes { key value }
          taxLines { title rate priceSet { shopMoney { amount } } }
          shippingLine { title code originalPriceSet { shopMoney { amount } } }
          refunds { id legacyResourceId note createdAt processedAt totalRefundedSet { shopMoney { amount } } }
          lineItems {
            edges {
              node {
                id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard
                originalUnitPriceSet { shopMoney { amount } }
                totalDiscountSet { shopMoney { amount } }
                taxLines { title rate priceSet { shopMoney { amount } } }
                discountAllocations { allocatedAmountSet { shopMoney { amount } } }
                customAttributes { key value }
                product { id }
                variant { id }
              }
            }
          }
        }
      }
    }
  }
`;
