// Customers.
import { gid } from "../../ids";
import type { CustomerRecord } from "../../shop/records";
import type { SimulatedShop } from "../../shop/shop";
import { arraySource, connection, type ConnectionArgs } from "../connection";
import type { GraphqlContext } from "../context";
import type { SearchFields } from "../search-query";
import { iso, mailingAddressView, money } from "./common";
import { orderView } from "./orders";

export function customerView(shop: SimulatedShop, customer: CustomerRecord) {
  const orderIndexes = () => shop.customerOrderIndexes(customer.id);
  return {
    __typename: "Customer",
    id: gid("Customer", customer.id),
    legacyResourceId: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: `${customer.firstName} ${customer.lastName}`.trim(),
    email: customer.email,
    phone: customer.phone,
    defaultEmailAddress: customer.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: customer.email,
          marketingState: customer.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
          validFormat: true,
        }
      : null,
    defaultPhoneNumber: customer.phone
      ? { __typename: "CustomerPhoneNumber", phoneNumber: customer.phone, marketingState: "NOT_SUBSCRIBED" }
      : null,
    state: customer.state,
    tags: customer.tags,
    note: customer.note,
    verifiedEmail: customer.verifiedEmail,
    // The same consent the customers/* webhooks carry (see webhooks/payloads.ts).
    emailMarketingConsent: customer.email
      ? {
          marketingState: customer.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          consentUpdatedAt: null,
        }
      : null,
    smsMarketingConsent: null,
    taxExempt: customer.taxExempt,
    taxExemptions: [],
    locale: "en",
    dataSaleOptOut: false,
    canDelete: () => orderIndexes().length === 0,
    createdAt: iso(customer.createdAt),
    updatedAt: iso(customer.updatedAt),
    lifetimeDuration: "about 1 year",
    image: { __typename: "Image", url: "https://cdn.shopify.com/s/images/admin/customers/customer.png", altText: null },
    numberOfOrders: () => String(orderIndexes().length),
    amountSpent: () => money(shop.customerAmountSpentCents(customer.id), shop.currency),
    lastOrder: () => {
      const last = orderIndexes().at(-1);
      const order = last === undefined ? undefined : shop.orders.at(last);
      return order ? orderView(shop, order) : null;
    },
    defaultAddress: mailingAddressView(customer.addresses[0] ?? null),
    addresses: (args: { first?: number | null }) =>
      customer.addresses.slice(0, args.first ?? undefined).map((address) => mailingAddressView(address)),
    addressesV2: (args: ConnectionArgs, context: GraphqlContext) =>
      connection(
        { source: arraySource(customer.addresses), view: (a) => mailingAddressView(a)!, id: (a) => a.id },
        args,
        context,
      ),
    orders: (args: ConnectionArgs, context: GraphqlContext) => {
      const indexes = orderIndexes();
      return connection(
        {
          source: {
            length: indexes.length,
            at: (k) => shop.orders.at(indexes[k]!),
            indexOf: (id) => {
              const index = shop.orders.indexOf(id);
              const position = index === undefined ? -1 : indexes.indexOf(index);
              return position < 0 ? undefined : position;
            },
          },
          view: (order) => orderView(shop, order),
          id: (order) => order.id,
        },
        args,
        context,
      );
    },
  };
}

export const customerSearch: SearchFields<CustomerRecord> = {
  id: (c) => c.id,
  email: (c) => c.email,
  phone: (c) => c.phone,
  first_name: (c) => c.firstName,
  last_name: (c) => c.lastName,
  state: (c) => c.state,
  tag: (c) => c.tags,
  accepts_marketing: (c) => c.acceptsMarketing,
  country: (c) => c.addresses.map((a) => a.country),
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
};

export function customersConnection(shop: SimulatedShop, args: ConnectionArgs, context: GraphqlContext) {
  return connection(
    {
      source: shop.customers,
      view: (c) => customerView(shop, c),
      id: (c) => c.id,
      search: { fields: customerSearch, text: (c) => `${c.firstName} ${c.lastName} ${c.email ?? ""}` },
      sortKeys: { UPDATED_AT: (c) => c.updatedAt, NAME: (c) => `${c.lastName} ${c.firstName}` },
      root: true,
    },
    args,
    context,
  );
}
