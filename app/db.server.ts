// The only PrismaClient. Prisma runs without engine binaries: the query
// compiler is WASM and queries go through node-postgres (@prisma/adapter-pg).
import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "@prisma/client";
import { env } from "~/.server/env";

export type Database = PrismaClient;
export type Transaction = Prisma.TransactionClient;

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

declare global {
  // Vite's dev server re-evaluates modules on change; keep one pool per process.
  var __storehousePrisma: PrismaClient | undefined;
}

/** The process-wide client, created on first use from DATABASE_URL. */
export function prisma(): PrismaClient {
  globalThis.__storehousePrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalThis.__storehousePrisma;
}

/** Runs `work` in one transaction; a thrown error rolls everything back. */
export function transaction<T>(
  db: PrismaClient,
  work: (tx: Transaction) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  return db.$transaction(work, { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 });
}

/** Closes the process-wide pool, if one was opened (graceful shutdown). */
export async function disconnectPrisma(): Promise<void> {
  const client = globalThis.__storehousePrisma;
  globalThis.__storehousePrisma = undefined;
  await client?.$disconnect();
}
