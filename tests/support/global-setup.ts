// Once per `npm test`: a PostgreSQL server (DATABASE_URL's, or the embedded
// one under .data/) and a template database migrated from prisma/migrations.
// Each test file clones the template (CREATE DATABASE ... TEMPLATE), which
// takes milliseconds and isolates files from each other.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres } from "~/.server/database/embedded-postgres";
import { migrateDeploy } from "~/.server/database/migrations";
import { startQueue } from "~/.server/jobs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

function serverUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "";
  url.search = "";
  return url.toString().replace(/\/$/, "");
}

export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  const server = external
    ? { serverUrl: serverUrlOf(external), startedHere: false, stop: async () => {} }
    : await startEmbeddedPostgres();
  const template = `storehouse_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${server.serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await migrateDeploy(`${server.serverUrl}/${template}`);
  // pg-boss creates its schema on first start: do it once here so every clone has it.
  const queue = await startQueue(`${server.serverUrl}/${template}`);
  await queue.stop({ graceful: false, close: true });

  project.provide("databaseServerUrl", server.serverUrl);
  project.provide("templateDatabase", template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `storehouse_test_${process.pid}_%`,
    ]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
    await server.stop();
  };
}
