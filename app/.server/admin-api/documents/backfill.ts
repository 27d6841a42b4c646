// The backfill's bulk queries, one per resource group. Shopify's limits: at
// most 5 connections and 2 levels of connection nesting, and a nested
// connection's parent must select `id`. Money is read in the shop currency.
// The stored fields are the fragments of fragments.ts, shared with reconciliation.
import {
  ADDRESS_FIELDS,
  CUSTOMER_FIELDS,
  INVENTORY_ITEM_FIELDS,
  INVENTORY_LEVEL_FIELDS,
  LINE_ITEM_FIELDS,
  ORDER_FIELDS,
  PRODUCT_FIELDS,
  VARIANT_FIELDS,
} from "./fragments";

export const BULK_PRODUCTS = `#graphql
  query BulkProducts {
    products {
      edges {
        node {
          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.
          ...ProductFields
          variants {
            edges {
              node { ...VariantFields }
            }
          }
        }
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${VARIANT_FIELDS}
`;

export const BULK_INVENTORY = `#graphql
  query BulkInventory {
    inventoryItems {
      edges {
        node {
          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.
          ...InventoryItemFields
          inventoryLevels {
            edges {
              node { ...InventoryLevelFields }
            }
          }
        }
      }
    }
  }
  ${INVENTORY_ITEM_FIELDS}
  ${INVENTORY_LEVEL_FIELDS}
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
        node { ...CustomerFields }
      }
    }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const BULK_ORDERS = `#graphql
  query BulkOrders {
    orders {
      edges {
        node {
          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.
          ...OrderFields
          lineItems {
            edges {
              node { ...LineItemFields }
            }
          }
        }
      }
    }
  }
  ${ORDER_FIELDS}
  ${LINE_ITEM_FIELDS}
  ${ADDRESS_FIELDS}
`;
