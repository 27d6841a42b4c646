/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type BulkProductsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkProductsQuery = { products: { edges: Array<{ node: (
        Pick<AdminTypes.Product, 'id' | 'legacyResourceId' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'tags' | 'createdAt' | 'updatedAt' | 'publishedAt'>
        & { variants: { edges: Array<{ node: (
              Pick<AdminTypes.ProductVariant, 'id' | 'legacyResourceId' | 'title' | 'sku' | 'barcode' | 'position' | 'price' | 'compareAtPrice' | 'inventoryPolicy' | 'inventoryQuantity' | 'taxable' | 'createdAt' | 'updatedAt'>
              & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, inventoryItem: Pick<AdminTypes.InventoryItem, 'id'> }
            ) }> }, options: Array<Pick<AdminTypes.ProductOption, 'id' | 'name' | 'position' | 'values'>> }
      ) }> } };

export type BulkInventoryQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkInventoryQuery = { inventoryItems: { edges: Array<{ node: (
        Pick<AdminTypes.InventoryItem, 'id' | 'legacyResourceId' | 'sku' | 'tracked' | 'requiresShipping' | 'countryCodeOfOrigin' | 'harmonizedSystemCode' | 'createdAt' | 'updatedAt'>
        & { inventoryLevels: { edges: Array<{ node: (
              Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
              & { quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>>, location: Pick<AdminTypes.Location, 'id'> }
            ) }> }, unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
      ) }> } };

export type BulkLocationsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkLocationsQuery = { locations: { edges: Array<{ node: (
        Pick<AdminTypes.Location, 'id' | 'legacyResourceId' | 'name' | 'isActive' | 'fulfillsOnlineOrders' | 'createdAt' | 'updatedAt'>
        & { address: Pick<AdminTypes.LocationAddress, 'address1' | 'address2' | 'city' | 'zip' | 'province' | 'provinceCode' | 'country' | 'countryCode' | 'phone'> }
      ) }> } };

export type BulkCustomersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkCustomersQuery = { customers: { edges: Array<{ node: (
        Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'verifiedEmail' | 'taxExempt' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
        & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, emailMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, smsMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerSmsMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>> }
      ) }> } };

export type BulkOrdersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkOrdersQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'number' | 'email' | 'phone' | 'note' | 'tags' | 'test' | 'sourceName' | 'currencyCode' | 'presentmentCurrencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'createdAt' | 'updatedAt' | 'taxExempt' | 'discountCodes'>
        & { lineItems: { edges: Array<{ node: (
              Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'vendor' | 'quantity' | 'currentQuantity' | 'unfulfilledQuantity' | 'requiresShipping' | 'taxable' | 'isGiftCard'>
              & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, taxLines: Array<(
                Pick<AdminTypes.TaxLine, 'title' | 'rate'>
                & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
              )>, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
            ) }> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalDutiesSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )>, shippingLine?: AdminTypes.Maybe<(
          Pick<AdminTypes.ShippingLine, 'title' | 'code'>
          & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )>, refunds: Array<(
          Pick<AdminTypes.Refund, 'id' | 'legacyResourceId' | 'note' | 'createdAt' | 'processedAt'>
          & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )> }
      ) }> } };

export type BulkOperationRunQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BulkOperationRunQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type BulkOperationStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type BulkOperationStatusQuery = { bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'url' | 'partialDataUrl'>> };

export type AddressFieldsFragment = Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>;

export type ProductFieldsFragment = (
  Pick<AdminTypes.Product, 'id' | 'legacyResourceId' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'tags' | 'createdAt' | 'updatedAt' | 'publishedAt'>
  & { options: Array<Pick<AdminTypes.ProductOption, 'id' | 'name' | 'position' | 'values'>> }
);

export type VariantFieldsFragment = (
  Pick<AdminTypes.ProductVariant, 'id' | 'legacyResourceId' | 'title' | 'sku' | 'barcode' | 'position' | 'price' | 'compareAtPrice' | 'inventoryPolicy' | 'inventoryQuantity' | 'taxable' | 'createdAt' | 'updatedAt'>
  & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, inventoryItem: Pick<AdminTypes.InventoryItem, 'id'> }
);

export type InventoryItemFieldsFragment = (
  Pick<AdminTypes.InventoryItem, 'id' | 'legacyResourceId' | 'sku' | 'tracked' | 'requiresShipping' | 'countryCodeOfOrigin' | 'harmonizedSystemCode' | 'createdAt' | 'updatedAt'>
  & { unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
);

export type InventoryLevelFieldsFragment = (
  Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
  & { quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>>, location: Pick<AdminTypes.Location, 'id'> }
);

export type CustomerFieldsFragment = (
  Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'verifiedEmail' | 'taxExempt' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
  & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, emailMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, smsMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerSmsMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>> }
);

export type OrderFieldsFragment = (
  Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'number' | 'email' | 'phone' | 'note' | 'tags' | 'test' | 'sourceName' | 'currencyCode' | 'presentmentCurrencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'createdAt' | 'updatedAt' | 'taxExempt' | 'discountCodes'>
  & { subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalDutiesSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, taxLines: Array<(
    Pick<AdminTypes.TaxLine, 'title' | 'rate'>
    & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
  )>, shippingLine?: AdminTypes.Maybe<(
    Pick<AdminTypes.ShippingLine, 'title' | 'code'>
    & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
  )>, refunds: Array<(
    Pick<AdminTypes.Refund, 'id' | 'legacyResourceId' | 'note' | 'createdAt' | 'processedAt'>
    & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
  )> }
);

export type LineItemFieldsFragment = (
  Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'vendor' | 'quantity' | 'currentQuantity' | 'unfulfilledQuantity' | 'requiresShipping' | 'taxable' | 'isGiftCard'>
  & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, taxLines: Array<(
    Pick<AdminTypes.TaxLine, 'title' | 'rate'>
    & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
  )>, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
);

export type RefundLineItemFieldsFragment = (
  Pick<AdminTypes.RefundLineItem, 'id' | 'quantity' | 'restockType'>
  & { lineItem: Pick<AdminTypes.LineItem, 'id'>, location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
);

export type ChangedOrdersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ChangedOrdersQuery = { orders: { nodes: Array<Pick<AdminTypes.Order, 'id' | 'updatedAt'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ChangedProductsQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ChangedProductsQuery = { products: { nodes: Array<Pick<AdminTypes.Product, 'id' | 'updatedAt'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ChangedCustomersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ChangedCustomersQuery = { customers: { nodes: Array<Pick<AdminTypes.Customer, 'id' | 'updatedAt'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ChangedInventoryItemsQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ChangedInventoryItemsQuery = { inventoryItems: { nodes: Array<Pick<AdminTypes.InventoryItem, 'id' | 'updatedAt'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type OrdersByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type OrdersByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'legacyResourceId' | 'name' | 'number' | 'email' | 'phone' | 'note' | 'tags' | 'test' | 'sourceName' | 'currencyCode' | 'presentmentCurrencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'processedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt' | 'createdAt' | 'updatedAt' | 'taxExempt' | 'discountCodes'>
    & { lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'vendor' | 'quantity' | 'currentQuantity' | 'unfulfilledQuantity' | 'requiresShipping' | 'taxable' | 'isGiftCard'>
        & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )>, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> }, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalDiscountsSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentShippingPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, currentTotalDutiesSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, billingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, taxLines: Array<(
      Pick<AdminTypes.TaxLine, 'title' | 'rate'>
      & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
    )>, shippingLine?: AdminTypes.Maybe<(
      Pick<AdminTypes.ShippingLine, 'title' | 'code'>
      & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
    )>, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'legacyResourceId' | 'note' | 'createdAt' | 'processedAt'>
      & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
    )> }
  )>> };

export type ProductsByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type ProductsByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'id' | 'legacyResourceId' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'tags' | 'createdAt' | 'updatedAt' | 'publishedAt'>
    & { variants: { nodes: Array<(
        Pick<AdminTypes.ProductVariant, 'id' | 'legacyResourceId' | 'title' | 'sku' | 'barcode' | 'position' | 'price' | 'compareAtPrice' | 'inventoryPolicy' | 'inventoryQuantity' | 'taxable' | 'createdAt' | 'updatedAt'>
        & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, inventoryItem: Pick<AdminTypes.InventoryItem, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> }, options: Array<Pick<AdminTypes.ProductOption, 'id' | 'name' | 'position' | 'values'>> }
  )>> };

export type CustomersByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type CustomersByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Customer, 'id' | 'legacyResourceId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'state' | 'tags' | 'note' | 'verifiedEmail' | 'taxExempt' | 'createdAt' | 'updatedAt' | 'numberOfOrders'>
    & { amountSpent: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, emailMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, smsMarketingConsent?: AdminTypes.Maybe<Pick<AdminTypes.CustomerSmsMarketingConsentState, 'marketingState' | 'marketingOptInLevel' | 'consentUpdatedAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>>, addresses: Array<Pick<AdminTypes.MailingAddress, 'id' | 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'provinceCode' | 'country' | 'countryCodeV2' | 'zip' | 'phone' | 'name'>> }
  )>> };

export type InventoryItemsByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type InventoryItemsByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.InventoryItem, 'id' | 'legacyResourceId' | 'sku' | 'tracked' | 'requiresShipping' | 'countryCodeOfOrigin' | 'harmonizedSystemCode' | 'createdAt' | 'updatedAt'>
    & { inventoryLevels: { nodes: Array<(
        Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
        & { quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>>, location: Pick<AdminTypes.Location, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> }, unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
  )>> };

export type OrderLineItemsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderLineItemsPageQuery = { node?: AdminTypes.Maybe<{ lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'title' | 'variantTitle' | 'vendor' | 'quantity' | 'currentQuantity' | 'unfulfilledQuantity' | 'requiresShipping' | 'taxable' | 'isGiftCard'>
        & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, taxLines: Array<(
          Pick<AdminTypes.TaxLine, 'title' | 'rate'>
          & { priceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )>, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type ProductVariantsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductVariantsPageQuery = { node?: AdminTypes.Maybe<{ variants: { nodes: Array<(
        Pick<AdminTypes.ProductVariant, 'id' | 'legacyResourceId' | 'title' | 'sku' | 'barcode' | 'position' | 'price' | 'compareAtPrice' | 'inventoryPolicy' | 'inventoryQuantity' | 'taxable' | 'createdAt' | 'updatedAt'>
        & { selectedOptions: Array<Pick<AdminTypes.SelectedOption, 'name' | 'value'>>, inventoryItem: Pick<AdminTypes.InventoryItem, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type InventoryLevelsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type InventoryLevelsPageQuery = { node?: AdminTypes.Maybe<{ inventoryLevels: { nodes: Array<(
        Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
        & { quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>>, location: Pick<AdminTypes.Location, 'id'> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type RefundLineItemsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type RefundLineItemsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Refund, 'id' | 'legacyResourceId' | 'note' | 'createdAt' | 'processedAt'>
    & { totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, order: Pick<AdminTypes.Order, 'id'>, transactions: { nodes: Array<(
        Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway' | 'processedAt'>
        & { amountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )> }, refundLineItems: { nodes: Array<(
        Pick<AdminTypes.RefundLineItem, 'id' | 'quantity' | 'restockType'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
  )>> };

export type RefundLineItemsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type RefundLineItemsPageQuery = { node?: AdminTypes.Maybe<{ refundLineItems: { nodes: Array<(
        Pick<AdminTypes.RefundLineItem, 'id' | 'quantity' | 'restockType'>
        & { lineItem: Pick<AdminTypes.LineItem, 'id'>, location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalTaxSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type ShopProfileQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopProfileQuery = { shop: (
    Pick<AdminTypes.Shop, 'id' | 'name' | 'email' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>
    & { plan: Pick<AdminTypes.ShopPlan, 'publicDisplayName' | 'partnerDevelopment' | 'shopifyPlus'> }
  ) };

export type AppAccessScopesQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type AppAccessScopesQuery = { currentAppInstallation: { accessScopes: Array<Pick<AdminTypes.AccessScope, 'handle'>> } };

export type WebhookSubscriptionsQueryVariables = AdminTypes.Exact<{
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type WebhookSubscriptionsQuery = { webhookSubscriptions: { nodes: Array<Pick<AdminTypes.WebhookSubscription, 'id' | 'topic' | 'uri' | 'format'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type WebhookSubscriptionCreateMutationVariables = AdminTypes.Exact<{
  topic: AdminTypes.WebhookSubscriptionTopic;
  webhookSubscription: AdminTypes.WebhookSubscriptionInput;
}>;


export type WebhookSubscriptionCreateMutation = { webhookSubscriptionCreate?: AdminTypes.Maybe<{ webhookSubscription?: AdminTypes.Maybe<Pick<AdminTypes.WebhookSubscription, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type WebhookSubscriptionUpdateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  webhookSubscription: AdminTypes.WebhookSubscriptionInput;
}>;


export type WebhookSubscriptionUpdateMutation = { webhookSubscriptionUpdate?: AdminTypes.Maybe<{ webhookSubscription?: AdminTypes.Maybe<Pick<AdminTypes.WebhookSubscription, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type WebhookSubscriptionDeleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type WebhookSubscriptionDeleteMutation = { webhookSubscriptionDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.WebhookSubscriptionDeletePayload, 'deletedWebhookSubscriptionId'>
    & { userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }
  )> };

interface GeneratedQueryTypes {
  "#graphql\n  query BulkProducts {\n    products {\n      edges {\n        node {\n          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.\n          ...ProductFields\n          variants {\n            edges {\n              node { ...VariantFields }\n            }\n          }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment ProductFields on Product {\n    id legacyResourceId title handle vendor productType status tags createdAt updatedAt publishedAt\n    options { id name position values }\n  }\n\n  #graphql\n  fragment VariantFields on ProductVariant {\n    id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy\n    inventoryQuantity taxable createdAt updatedAt\n    selectedOptions { name value }\n    inventoryItem { id }\n  }\n\n": {return: BulkProductsQuery, variables: BulkProductsQueryVariables},
  "#graphql\n  query BulkInventory {\n    inventoryItems {\n      edges {\n        node {\n          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.\n          ...InventoryItemFields\n          inventoryLevels {\n            edges {\n              node { ...InventoryLevelFields }\n            }\n          }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment InventoryItemFields on InventoryItem {\n    id legacyResourceId sku tracked requiresShipping countryCodeOfOrigin harmonizedSystemCode createdAt updatedAt\n    unitCost { amount }\n  }\n\n  #graphql\n  fragment InventoryLevelFields on InventoryLevel {\n    id updatedAt\n    quantities(names: [\"available\", \"on_hand\", \"committed\"]) { name quantity }\n    location { id }\n  }\n\n": {return: BulkInventoryQuery, variables: BulkInventoryQueryVariables},
  "#graphql\n  query BulkLocations {\n    locations(includeInactive: true) {\n      edges {\n        node {\n          id legacyResourceId name isActive fulfillsOnlineOrders createdAt updatedAt\n          address { address1 address2 city zip province provinceCode country countryCode phone }\n        }\n      }\n    }\n  }\n": {return: BulkLocationsQuery, variables: BulkLocationsQueryVariables},
  "#graphql\n  query BulkCustomers {\n    customers {\n      edges {\n        node { ...CustomerFields }\n      }\n    }\n  }\n  #graphql\n  fragment CustomerFields on Customer {\n    id legacyResourceId firstName lastName email phone state tags note verifiedEmail taxExempt createdAt updatedAt\n    numberOfOrders\n    amountSpent { amount currencyCode }\n    emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }\n    smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }\n    defaultAddress { ...AddressFields }\n    addresses { ...AddressFields }\n  }\n\n  #graphql\n  fragment AddressFields on MailingAddress {\n    id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name\n  }\n\n": {return: BulkCustomersQuery, variables: BulkCustomersQueryVariables},
  "#graphql\n  query BulkOrders {\n    orders {\n      edges {\n        node {\n          id # Selected here, not only in the fragment: Shopify wants a nested connection's parent to select it itself.\n          ...OrderFields\n          lineItems {\n            edges {\n              node { ...LineItemFields }\n            }\n          }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment OrderFields on Order {\n    id legacyResourceId name number email phone note tags test sourceName\n    currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus\n    processedAt cancelledAt cancelReason closedAt createdAt updatedAt\n    subtotalPriceSet { shopMoney { amount } }\n    totalPriceSet { shopMoney { amount } }\n    totalTaxSet { shopMoney { amount } }\n    totalDiscountsSet { shopMoney { amount } }\n    totalShippingPriceSet { shopMoney { amount } }\n    currentTotalPriceSet { shopMoney { amount } }\n    currentShippingPriceSet { shopMoney { amount } }\n    currentTotalDutiesSet { shopMoney { amount } }\n    taxExempt\n    customer { id }\n    billingAddress { ...AddressFields }\n    shippingAddress { ...AddressFields }\n    discountCodes\n    customAttributes { key value }\n    taxLines { title rate priceSet { shopMoney { amount } } }\n    shippingLine { title code originalPriceSet { shopMoney { amount } } }\n    refunds { id legacyResourceId note createdAt processedAt totalRefundedSet { shopMoney { amount } } }\n  }\n\n  #graphql\n  fragment LineItemFields on LineItem {\n    id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard\n    originalUnitPriceSet { shopMoney { amount } }\n    totalDiscountSet { shopMoney { amount } }\n    taxLines { title rate priceSet { shopMoney { amount } } }\n    discountAllocations { allocatedAmountSet { shopMoney { amount } } }\n    customAttributes { key value }\n    product { id }\n    variant { id }\n  }\n\n  #graphql\n  fragment AddressFields on MailingAddress {\n    id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name\n  }\n\n": {return: BulkOrdersQuery, variables: BulkOrdersQueryVariables},
  "#graphql\n  query BulkOperationStatus($id: ID!) {\n    bulkOperation(id: $id) {\n      id\n      status\n      errorCode\n      objectCount\n      rootObjectCount\n      url\n      partialDataUrl\n    }\n  }\n": {return: BulkOperationStatusQuery, variables: BulkOperationStatusQueryVariables},
  "#graphql\n  query ChangedOrders($query: String!, $after: String) {\n    orders(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes { id updatedAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": {return: ChangedOrdersQuery, variables: ChangedOrdersQueryVariables},
  "#graphql\n  query ChangedProducts($query: String!, $after: String) {\n    products(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes { id updatedAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": {return: ChangedProductsQuery, variables: ChangedProductsQueryVariables},
  "#graphql\n  query ChangedCustomers($query: String!, $after: String) {\n    customers(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes { id updatedAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": {return: ChangedCustomersQuery, variables: ChangedCustomersQueryVariables},
  "#graphql\n  query ChangedInventoryItems($query: String!, $after: String) {\n    inventoryItems(first: 250, after: $after, query: $query) {\n      nodes { id updatedAt }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": {return: ChangedInventoryItemsQuery, variables: ChangedInventoryItemsQueryVariables},
  "#graphql\n  query OrdersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Order {\n        ...OrderFields\n        lineItems(first: 20) {\n          nodes { ...LineItemFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment OrderFields on Order {\n    id legacyResourceId name number email phone note tags test sourceName\n    currencyCode presentmentCurrencyCode displayFinancialStatus displayFulfillmentStatus\n    processedAt cancelledAt cancelReason closedAt createdAt updatedAt\n    subtotalPriceSet { shopMoney { amount } }\n    totalPriceSet { shopMoney { amount } }\n    totalTaxSet { shopMoney { amount } }\n    totalDiscountsSet { shopMoney { amount } }\n    totalShippingPriceSet { shopMoney { amount } }\n    currentTotalPriceSet { shopMoney { amount } }\n    currentShippingPriceSet { shopMoney { amount } }\n    currentTotalDutiesSet { shopMoney { amount } }\n    taxExempt\n    customer { id }\n    billingAddress { ...AddressFields }\n    shippingAddress { ...AddressFields }\n    discountCodes\n    customAttributes { key value }\n    taxLines { title rate priceSet { shopMoney { amount } } }\n    shippingLine { title code originalPriceSet { shopMoney { amount } } }\n    refunds { id legacyResourceId note createdAt processedAt totalRefundedSet { shopMoney { amount } } }\n  }\n\n  #graphql\n  fragment LineItemFields on LineItem {\n    id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard\n    originalUnitPriceSet { shopMoney { amount } }\n    totalDiscountSet { shopMoney { amount } }\n    taxLines { title rate priceSet { shopMoney { amount } } }\n    discountAllocations { allocatedAmountSet { shopMoney { amount } } }\n    customAttributes { key value }\n    product { id }\n    variant { id }\n  }\n\n  #graphql\n  fragment AddressFields on MailingAddress {\n    id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name\n  }\n\n": {return: OrdersByIdQuery, variables: OrdersByIdQueryVariables},
  "#graphql\n  query ProductsById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        ...ProductFields\n        variants(first: 50) {\n          nodes { ...VariantFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment ProductFields on Product {\n    id legacyResourceId title handle vendor productType status tags createdAt updatedAt publishedAt\n    options { id name position values }\n  }\n\n  #graphql\n  fragment VariantFields on ProductVariant {\n    id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy\n    inventoryQuantity taxable createdAt updatedAt\n    selectedOptions { name value }\n    inventoryItem { id }\n  }\n\n": {return: ProductsByIdQuery, variables: ProductsByIdQueryVariables},
  "#graphql\n  query CustomersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Customer { ...CustomerFields }\n    }\n  }\n  #graphql\n  fragment CustomerFields on Customer {\n    id legacyResourceId firstName lastName email phone state tags note verifiedEmail taxExempt createdAt updatedAt\n    numberOfOrders\n    amountSpent { amount currencyCode }\n    emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }\n    smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }\n    defaultAddress { ...AddressFields }\n    addresses { ...AddressFields }\n  }\n\n  #graphql\n  fragment AddressFields on MailingAddress {\n    id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name\n  }\n\n": {return: CustomersByIdQuery, variables: CustomersByIdQueryVariables},
  "#graphql\n  query InventoryItemsById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on InventoryItem {\n        ...InventoryItemFields\n        inventoryLevels(first: 50) {\n          nodes { ...InventoryLevelFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment InventoryItemFields on InventoryItem {\n    id legacyResourceId sku tracked requiresShipping countryCodeOfOrigin harmonizedSystemCode createdAt updatedAt\n    unitCost { amount }\n  }\n\n  #graphql\n  fragment InventoryLevelFields on InventoryLevel {\n    id updatedAt\n    quantities(names: [\"available\", \"on_hand\", \"committed\"]) { name quantity }\n    location { id }\n  }\n\n": {return: InventoryItemsByIdQuery, variables: InventoryItemsByIdQueryVariables},
  "#graphql\n  query OrderLineItemsPage($id: ID!, $after: String) {\n    node(id: $id) {\n      ... on Order {\n        lineItems(first: 50, after: $after) {\n          nodes { ...LineItemFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment LineItemFields on LineItem {\n    id sku title variantTitle vendor quantity currentQuantity unfulfilledQuantity requiresShipping taxable isGiftCard\n    originalUnitPriceSet { shopMoney { amount } }\n    totalDiscountSet { shopMoney { amount } }\n    taxLines { title rate priceSet { shopMoney { amount } } }\n    discountAllocations { allocatedAmountSet { shopMoney { amount } } }\n    customAttributes { key value }\n    product { id }\n    variant { id }\n  }\n\n": {return: OrderLineItemsPageQuery, variables: OrderLineItemsPageQueryVariables},
  "#graphql\n  query ProductVariantsPage($id: ID!, $after: String) {\n    node(id: $id) {\n      ... on Product {\n        variants(first: 100, after: $after) {\n          nodes { ...VariantFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment VariantFields on ProductVariant {\n    id legacyResourceId title sku barcode position price compareAtPrice inventoryPolicy\n    inventoryQuantity taxable createdAt updatedAt\n    selectedOptions { name value }\n    inventoryItem { id }\n  }\n\n": {return: ProductVariantsPageQuery, variables: ProductVariantsPageQueryVariables},
  "#graphql\n  query InventoryLevelsPage($id: ID!, $after: String) {\n    node(id: $id) {\n      ... on InventoryItem {\n        inventoryLevels(first: 100, after: $after) {\n          nodes { ...InventoryLevelFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment InventoryLevelFields on InventoryLevel {\n    id updatedAt\n    quantities(names: [\"available\", \"on_hand\", \"committed\"]) { name quantity }\n    location { id }\n  }\n\n": {return: InventoryLevelsPageQuery, variables: InventoryLevelsPageQueryVariables},
  "#graphql\n  query RefundLineItems($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Refund {\n        id legacyResourceId note createdAt processedAt\n        totalRefundedSet { shopMoney { amount } }\n        order { id }\n        transactions(first: 10) {\n          nodes { id kind status gateway processedAt amountSet { shopMoney { amount } } }\n        }\n        refundLineItems(first: 25) {\n          nodes { ...RefundLineItemFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment RefundLineItemFields on RefundLineItem {\n    id quantity restockType\n    lineItem { id }\n    location { id }\n    subtotalSet { shopMoney { amount } }\n    totalTaxSet { shopMoney { amount } }\n  }\n\n": {return: RefundLineItemsQuery, variables: RefundLineItemsQueryVariables},
  "#graphql\n  query RefundLineItemsPage($id: ID!, $after: String) {\n    node(id: $id) {\n      ... on Refund {\n        refundLineItems(first: 100, after: $after) {\n          nodes { ...RefundLineItemFields }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n  #graphql\n  fragment RefundLineItemFields on RefundLineItem {\n    id quantity restockType\n    lineItem { id }\n    location { id }\n    subtotalSet { shopMoney { amount } }\n    totalTaxSet { shopMoney { amount } }\n  }\n\n": {return: RefundLineItemsPageQuery, variables: RefundLineItemsPageQueryVariables},
  "#graphql\n  query ShopProfile {\n    shop {\n      id\n      name\n      email\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n      plan {\n        publicDisplayName\n        partnerDevelopment\n        shopifyPlus\n      }\n    }\n  }\n": {return: ShopProfileQuery, variables: ShopProfileQueryVariables},
  "#graphql\n  query AppAccessScopes {\n    currentAppInstallation {\n      accessScopes {\n        handle\n      }\n    }\n  }\n": {return: AppAccessScopesQuery, variables: AppAccessScopesQueryVariables},
  "#graphql\n  query WebhookSubscriptions($after: String) {\n    webhookSubscriptions(first: 100, after: $after) {\n      nodes {\n        id\n        topic\n        uri\n        format\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: WebhookSubscriptionsQuery, variables: WebhookSubscriptionsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation BulkOperationRunQuery($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: BulkOperationRunQueryMutation, variables: BulkOperationRunQueryMutationVariables},
  "#graphql\n  mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {\n    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {\n      webhookSubscription {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: WebhookSubscriptionCreateMutation, variables: WebhookSubscriptionCreateMutationVariables},
  "#graphql\n  mutation WebhookSubscriptionUpdate($id: ID!, $webhookSubscription: WebhookSubscriptionInput!) {\n    webhookSubscriptionUpdate(id: $id, webhookSubscription: $webhookSubscription) {\n      webhookSubscription {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: WebhookSubscriptionUpdateMutation, variables: WebhookSubscriptionUpdateMutationVariables},
  "#graphql\n  mutation WebhookSubscriptionDelete($id: ID!) {\n    webhookSubscriptionDelete(id: $id) {\n      deletedWebhookSubscriptionId\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: WebhookSubscriptionDeleteMutation, variables: WebhookSubscriptionDeleteMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
