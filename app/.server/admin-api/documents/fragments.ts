// The fields the app stores of each resource, selected once: the backfill's
// bulk queries and reconciliation's queries spread these fragments, so the
// two paths cannot drift apart (and the webhook path's normalizers see the
// same shape from both). A document includes the text of each fragment it
// spreads; codegen reads them here.

export const ADDRESS_FIELDS = `#graphql
  fragment AddressFields on MailingAddress {
    id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name
  }
`;

export const PRODUCT_FIELDS = `#graphql
  fragment ProductFields on Product {
    id legacyResourceId title handle vendor productType status tags createdAt updatedAt publishedAt
    options { id name position values }
  }
`;

export const VARIANT_FIELDS = `#graphql
  fragment VariantFields on ProductVariant {
    id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy
    inventoryQuantity taxable createdAt updatedAt
    selectedOptions { name value }
    inventoryItem { id }
  }
`;

export const INVENTORY_ITEM_FIELDS = `#graphql
  fragment InventoryItemFields on InventoryItem {
    id legacyResourceId sku tracked requiresShipping countryCodeOfOrigin harmonizedSystemCode createdAt updatedAt
    unitCost { amount }
  }
`;

export const INVENTORY_LEVEL_FIELDS = `#graphql
  fragment InventoryLevelFields on InventoryLevel {
    id updatedAt
    quantities(names: ["available", "on_hand", "committed"]) { name quantity }
    location { id }
  }
`;

/** Uses AddressFields. */
export const CUSTOMER_FIELDS = `#graphql
  fragment CustomerFields on Customer {
    id legacyResourceId firstName lastName email phone state tags note verifiedEmail taxExempt createdAt updatedAt
    numberOfOrders
    amountSpent { amount currencyCode }
    emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
    smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
    defaultAddress { ...AddressFields }
    addresses { ...AddressFields }
  }
`;

/** Uses AddressFields. */
export const ORDER_FIELDS = `#graphql
  fragment OrderFields on Order {
    id legacyResourceId name number email phone note tags test sourceName
    currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus
    processedAt cancelledAt cancelReason closedAt createdAt updatedAt
    subtotalPriceSet { shopMoney { amount } }
    totalPriceSet { shopMoney { amount } }
    totalTaxSet { shopMoney { amount } }
    totalDiscountsSet { shopMoney { amount } }
    totalShippingPriceSet { shopMoney { amount } }
    currentTotalPriceSet { shopMoney { amount } }
    currentShippingPriceSet { shopMoney { amount } }
    currentTotalDutiesSet { shopMoney { amount } }
    taxExempt
    customer { id }
    billingAddress { ...AddressFields }
    shippingAddress { ...AddressFields }
    discountCodes
    customAttributes { key value }
    taxLines { title rate priceSet { shopMoney { amount } } }
    shippingLine { title code originalPriceSet { shopMoney { amount } } }
    refunds { id legacyResourceId note createdAt processedAt totalRefundedSet { shopMoney { amount } } }
  }
`;

export const LINE_ITEM_FIELDS = `#graphql
  fragment LineItemFields on LineItem {
    id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard
    originalUnitPriceSet { shopMoney { amount } }
    totalDiscountSet { shopMoney { amount } }
    taxLines { title rate priceSet { shopMoney { amount } } }
    discountAllocations { allocatedAmountSet { shopMoney { amount } } }
    customAttributes { key value }
    product { id }
    variant { id }
  }
`;

export const REFUND_LINE_ITEM_FIELDS = `#graphql
  fragment RefundLineItemFields on RefundLineItem {
    id quantity restockType
    lineItem { id }
    location { id }
    subtotalSet { shopMoney { amount } }
    totalTaxSet { shopMoney { amount } }
  }
`;
