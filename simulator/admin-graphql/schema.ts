// The real Admin GraphQL schema for the API version the app uses, built once
// from the vendored introspection (scripts/refresh-admin-schema.ts refreshes it).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const SIMULATED_API_VERSION = "2026-10";
const SCHEMA_FILE = fileURLToPath(new URL("../../vendor/shopify/admin-2026-10.json.gz", import.meta.url));

let schema: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  if (!schema) {
    const introspection = JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString()) as { data: IntrospectionQuery };
    schema = buildClientSchema(introspection.data);
  }
  return schema;
}
