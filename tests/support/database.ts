// A private database per test file, cloned from the migrated template.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient } from "~/db.server";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Another client on the same database, as a second process would have. */
  connect(): PrismaClient;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
  const runPid = template.split("_").pop();
  const name = `storehouse_test_${runPid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = `${serverUrl}/${name}`;
  const clients: PrismaClient[] = [];
  const connect = () => {
    const client = createPrismaClient(url);
    clients.push(client);
    return client;
  };
  return {
    url,
    prisma: connect(),
    connect,
    async drop() {
      await Promise.all(clients.map((client) => client.$disconnect()));
      const cleanup = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** An empty database (no schema at all), as a restore target; `drop` removes it. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject("databaseServerUrl");
  const runPid = inject("templateDatabase").split("_").pop();
  const name = `storehouse_test_${runPid}_empty_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0`);
  } finally {
    await admin.end();
  }
  return {
    url: `${serverUrl}/${name}`,
    async drop() {
      const cleanup = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
