// Reconciliation's documents. A cheap listing (ids and updatedAt only, 250 a
// page, `updated_at:>` search) finds what changed; only objects the store has
// missing or older are then fetched whole through `nodes`, a few per call, so
// every call stays far below the 1,000-point single-query limit. Children past
// the first page (a big order's line items, a product's variants) and refund
// line items (which a bulk query cannot nest under an order's refunds) are
// paged by the follow-up queries at the end. The stored fields are the
// fragments of fragments.ts, shared with the backfill.
import {
  ADDRESS_FIELDS,
  CUSTOMER_FIELDS,
  INVENTORY_ITEM_FIELDS,
  INVENTORY_LEVEL_FIELDS,
  LINE_ITEM_FIELDS,
  ORDER_FIELDS,
  PRODUCT_FIELDS,
  REFUND_LINE_ITEM_FIELDS,
  VARIANT_FIELDS,
} from "./fragments";

export const CHANGED_ORDERS = `#graphql
  query ChangedOrders($query: String!, $after: String) {
    orders(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const CHANGED_PRODUCTS = `#graphql
  query ChangedProducts($query: String!, $after: String) {
    products(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const CHANGED_CUSTOMERS = `#graphql
  query ChangedCustomers($query: String!, $after: String) {
    customers(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const CHANGED_INVENTORY_ITEMS = `#graphql
  query ChangedInventoryItems($query: String!, $after: String) {
    inventoryItems(first: 250, after: $after, query: $query) {
      nodes { id updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const ORDERS_BY_ID = `#graphql
  query OrdersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Order {
        ...OrderFields
        lineItems(first: 20) {
          nodes { ...LineItemFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${ORDER_FIELDS}
  ${LINE_ITEM_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const PRODUCTS_BY_ID = `#graphql
  query ProductsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        ...ProductFields
        variants(first: 50) {
          nodes { ...VariantFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${VARIANT_FIELDS}
`;

export const CUSTOMERS_BY_ID = `#graphql
  query CustomersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer { ...CustomerFields }
    }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const INVENTORY_ITEMS_BY_ID = `#graphql
  query InventoryItemsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        ...InventoryItemFields
        inventoryLevels(first: 50) {
          nodes { ...InventoryLevelFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${INVENTORY_ITEM_FIELDS}
  ${INVENTORY_LEVEL_FIELDS}
`;

export const ORDER_LINE_ITEMS_PAGE = `#graphql
  query OrderLineItemsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Order {
        lineItems(first: 50, after: $after) {
          nodes { ...LineItemFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${LINE_ITEM_FIELDS}
`;

export const PRODUCT_VARIANTS_PAGE = `#graphql
  query ProductVariantsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Product {
        variants(first: 100, after: $after) {
          nodes { ...VariantFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${VARIANT_FIELDS}
`;

export const INVENTORY_LEVELS_PAGE = `#graphql
  query InventoryLevelsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on InventoryItem {
        inventoryLevels(first: 100, after: $after) {
          nodes { ...InventoryLevelFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${INVENTORY_LEVEL_FIELDS}
`;

export const REFUND_LINE_ITEMS = `#graphql
  query RefundLineItems($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Refund {
        id legacyResourceId note createdAt processedAt
        totalRefundedSet { shopMoney { amount } }
        order { id }
        transactions(first: 10) {
          nodes { id kind status gateway processedAt amountSet { shopMoney { amount } } }
        }
        refundLineItems(first: 25) {
          nodes { ...RefundLineItemFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${REFUND_LINE_ITEM_FIELDS}
`;

export const REFUND_LINE_ITEMS_PAGE = `#graphql
  query RefundLineItemsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Refund {
        refundLineItems(first: 100, after: $after) {
          nodes { ...RefundLineItemFields }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
  ${REFUND_LINE_ITEM_FIELDS}
`;
