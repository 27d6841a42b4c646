// Reconciliation's documents. A cheap listing (ids and updatedAt only, 250 a
// page, `updated_at:>` search) finds what changed; only objects the store has
// missing or older are then fetched whole through `nodes`, a few per call, so
// every call stays far below the 1,000-point single-query limit. Children past
// the first page (a big order's line items, a product's variants) and refund
// line items (which a bulk query cannot nest under an order's refunds) are
// paged by the follow-up queries at the end. No interpolation: codegen must see
// each document whole.

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
        lineItems(first: 20) {
          nodes {
            id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard
            originalUnitPriceSet { shopMoney { amount } }
            totalDiscountSet { shopMoney { amount } }
            taxLines { title rate priceSet { shopMoney { amount } } }
            discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            customAttributes { key value }
            product { id }
            variant { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const PRODUCTS_BY_ID = `#graphql
  query ProductsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id legacyResourceId title handle vendor productType status tags createdAt updatedAt publishedAt
        options { id name position values }
        variants(first: 50) {
          nodes {
            id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy
            inventoryQuantity taxable createdAt updatedAt
            selectedOptions { name value }
            inventoryItem { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const CUSTOMERS_BY_ID = `#graphql
  query CustomersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer {
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
`;

export const INVENTORY_ITEMS_BY_ID = `#graphql
  query InventoryItemsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id legacyResourceId sku tracked requiresShipping countryCodeOfOrigin harmonizedSystemCode createdAt updatedAt
        unitCost { amount }
        inventoryLevels(first: 50) {
          nodes {
            id updatedAt
            quantities(names: ["available", "on_hand", "committed"]) { name quantity }
            location { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const ORDER_LINE_ITEMS_PAGE = `#graphql
  query OrderLineItemsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Order {
        lineItems(first: 50, after: $after) {
          nodes {
            id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard
            originalUnitPriceSet { shopMoney { amount } }
            totalDiscountSet { shopMoney { amount } }
            taxLines { title rate priceSet { shopMoney { amount } } }
            discountAllocations { allocatedAmountSet { shopMoney { amount } } }
            customAttributes { key value }
            product { id }
            variant { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const PRODUCT_VARIANTS_PAGE = `#graphql
  query ProductVariantsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Product {
        variants(first: 100, after: $after) {
          nodes {
            id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy
            inventoryQuantity taxable createdAt updatedAt
            selectedOptions { name value }
            inventoryItem { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const INVENTORY_LEVELS_PAGE = `#graphql
  query InventoryLevelsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on InventoryItem {
        inventoryLevels(first: 100, after: $after) {
          nodes {
            id updatedAt
            quantities(names: ["available", "on_hand", "committed"]) { name quantity }
            location { id }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
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
          nodes {
            id quantity restockType
            lineItem { id }
            location { id }
            subtotalSet { shopMoney { amount } }
            totalTaxSet { shopMoney { amount } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

export const REFUND_LINE_ITEMS_PAGE = `#graphql
  query RefundLineItemsPage($id: ID!, $after: String) {
    node(id: $id) {
      ... on Refund {
        refundLineItems(first: 100, after: $after) {
          nodes {
            id quantity restockType
            lineItem { id }
            location { id }
            subtotalSet { shopMoney { amount } }
            totalTaxSet { shopMoney { amount } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;
