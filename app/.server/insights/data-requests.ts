// customers/data_request as the merchant answers it: the open requests with
// the date Shopify expects an answer by, and what Storehouse holds about the
// customer, assembled when the request arrived (store/compliance.ts).
import type { PrismaClient } from "@prisma/client";

/** Shopify asks the merchant to provide the data within 30 days. */
export const DATA_REQUEST_DUE_DAYS = 30;

export interface DataRequestRow {
  id: string;
  customerId: string | null;
  email: string | null;
  ordersRequested: string[];
  requestedAt: Date;
  dueAt: Date;
  /** The customer was redacted since: only ids and dates are left, nothing to download. */
  redacted: boolean;
}

export async function listDataRequests(db: PrismaClient, shopId: bigint): Promise<DataRequestRow[]> {
  const rows = await db.customerDataRequest.findMany({
    where: { shopId },
    orderBy: { requestedAt: "desc" },
    take: 250,
    select: {
      id: true,
      customerShopifyId: true,
      email: true,
      ordersRequested: true,
      requestedAt: true,
      assembledData: true,
    },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    customerId: row.customerShopifyId?.toString() ?? null,
    email: row.email,
    ordersRequested: row.ordersRequested.map(String),
    requestedAt: row.requestedAt,
    dueAt: new Date(row.requestedAt.getTime() + DATA_REQUEST_DUE_DAYS * 86_400_000),
    redacted: row.assembledData === null,
  }));
}

/** The assembled data of one of the shop's requests, as the JSON document the merchant sends on; null when none. */
export async function dataRequestDocument(db: PrismaClient, shopId: bigint, id: string): Promise<object | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const row = await db.customerDataRequest.findFirst({ where: { shopId, id: BigInt(id) } });
  if (!row || row.assembledData === null) return null;
  return {
    request: {
      id: row.id.toString(),
      customer_id: row.customerShopifyId?.toString() ?? null,
      email: row.email,
      orders_requested: row.ordersRequested.map(String),
      requested_at: row.requestedAt.toISOString(),
    },
    data: row.assembledData,
  };
}
