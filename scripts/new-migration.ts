// Creates a migration from the change to prisma/schema.prisma, without a
// shadow database: it diffs the schema the migrations already produce
// (prisma/migrations/last-migrated.schema.prisma) against the current one.
//
//   npm run migration:new -- add_order_tags
import { answerHelp } from "./usage";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "~/.server/database/embedded-postgres";
import { runPrisma } from "~/.server/database/migrations";

answerHelp(
  "Creates a migration from the change to prisma/schema.prisma, without a\nshadow database: it diffs the schema the migrations already produce\n(prisma/migrations/last-migrated.schema.prisma) against the current one.\n\nnpm run migration:new -- add_order_tags",
);

const MIGRATIONS = path.join("prisma", "migrations");
const SCHEMA = path.join("prisma", "schema.prisma");
const SNAPSHOT = path.join(MIGRATIONS, "last-migrated.schema.prisma");

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("usage: npm run migration:new -- <snake_case_name>");
  }

  // The CLI's driver adapter wants a reachable database even for a diff of two files.
  let databaseUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!databaseUrl) {
    ({ url: databaseUrl, stop } = await startEmbeddedDatabase());
  }

  try {
    const from = existsSync(SNAPSHOT) ? ["--from-schema-datamodel", SNAPSHOT] : ["--from-empty"];
    const sql = await runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"], databaseUrl);
    const body = sql.slice(sql.indexOf("-- "));
    if (!body.startsWith("-- ") || /^-- This is an empty migration\.?\s*$/m.test(body)) {
      console.log("schema.prisma matches the migrations: nothing to do");
      return;
    }
    const folder = path.join(MIGRATIONS, `${timestamp()}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), body);
    copyFileSync(SCHEMA, SNAPSHOT);
    console.log(`created ${folder}/migration.sql (${body.split("\n").length} lines)`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
