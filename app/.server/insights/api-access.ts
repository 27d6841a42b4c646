// The API access page's read: the shop's analyst API keys (never their
// secrets) and the latest requests made with them (the access log).
import type { PrismaClient } from "@prisma/client";
import { listApiKeys, type ApiKeySummary } from "~/.server/api-keys";

export interface ApiRequestRow {
  id: string;
  at: Date;
  keyPrefix: string | null;
  keyName: string | null;
  route: string;
  status: number;
  rows: number | null;
  durationMs: number;
}

export const API_ACCESS_LOG_ROWS = 50;

export async function getApiAccess(
  db: PrismaClient,
  shopId: bigint,
): Promise<{ keys: ApiKeySummary[]; requests: ApiRequestRow[] }> {
  const [keys, requests] = await Promise.all([
    listApiKeys(db, shopId),
    db.apiRequest.findMany({
      where: { shopId },
      orderBy: { id: "desc" },
      take: API_ACCESS_LOG_ROWS,
      include: { apiKey: { select: { prefix: true, name: true } } },
    }),
  ]);
  return {
    keys,
    requests: requests.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      keyPrefix: row.apiKey?.prefix ?? null,
      keyName: row.apiKey?.name ?? null,
      route: row.route,
      status: row.status,
      rows: row.rows,
      durationMs: row.durationMs,
    })),
  };
}
