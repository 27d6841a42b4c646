import type { PrismaClient } from "@prisma/client";

export interface Health {
  status: "ok" | "unavailable";
  database: "up" | "down";
  latencyMs: number;
  error?: string;
}

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function checkHealth(db: PrismaClient, timeoutMs = 2_000): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: "unavailable",
      database: "down",
      latencyMs: Math.round(performance.now() - started),
      // The driver's message names the host and port, never credentials.
      error: error instanceof Error ? error.message.split("\n")[0] : "unknown error",
    };
  } finally {
    clearTimeout(timer);
  }
}
