// Prisma CLI configuration: the JavaScript schema engine talks to PostgreSQL
// through a driver adapter, so `migrate deploy` and `migrate diff` need no
// downloaded engine binaries (docs/decisions/003-prisma-without-engine-binaries.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
// adapter-pg 6.19 cannot read the `name` column type the migrate commands
// query (prisma/orm#27403); the 7.x adapter can. The runtime keeps 6.19.
import { PrismaPg } from "prisma-adapter-pg-cli";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // The CLI builds the adapter even for offline commands (`migrate diff`
    // between two schema files), and the adapter connects lazily; so an unset
    // DATABASE_URL only fails for commands that really reach a database.
    // `npm run setup` starts the embedded database and sets it.
    const connectionString = process.env.DATABASE_URL ?? "postgresql://DATABASE_URL-is-unset@127.0.0.1:1/unset";
    return new PrismaPg({ connectionString });
  },
});
