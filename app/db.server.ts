// The database clients, one of each per process, and the one transaction
// helper. Which client for what (ADR 012): the pg pool for the write paths
// and ledgers (ingestion, events, store, sync and its sync_runs, the job
// queue's transactions), Prisma for sessions, shop rows and the read models.
// Prisma runs without engine binaries: the query compiler is WASM and its
// queries go through node-postgres (@prisma/adapter-pg).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { createPool, inTransaction, type Pool } from "~/.server/database/pool";
import { env } from "~/.server/env";

export type Database = PrismaClient;
export { inTransaction, type Pool };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

declare global {
  // Vite's dev server re-evaluates modules on change; keep one of each per process.
  var __storehousePrisma: PrismaClient | undefined;
  var __storehousePool: Pool | undefined;
}

/** The process-wide Prisma client, created on first use from DATABASE_URL. */
export function prisma(): PrismaClient {
  globalThis.__storehousePrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalThis.__storehousePrisma;
}

/** The process-wide pg pool, created on first use from DATABASE_URL with `size` connections at most. */
export function pool(size = 20): Pool {
  globalThis.__storehousePool ??= createPool(env().DATABASE_URL, size);
  return globalThis.__storehousePool;
}

/** Closes whichever clients were opened (graceful shutdown). */
export async function closeDatabase(): Promise<void> {
  const [client, openPool] = [globalThis.__storehousePrisma, globalThis.__storehousePool];
  globalThis.__storehousePrisma = undefined;
  globalThis.__storehousePool = undefined;
  await Promise.all([client?.$disconnect(), openPool?.end()]);
}
