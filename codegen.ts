// `npm run graphql:codegen`: types for every Admin API document in
// app/.server/admin-api/documents (tagged `#graphql`), from the vendored
// 2026-10 schema (offline: Shopify's proxy is not reachable from CI).
import { ApiType, pluckConfig, preset } from "@shopify/api-codegen-preset";

// Untyped on purpose: the preset is built against an older @graphql-codegen/plugin-helpers
// than the CLI, and their types disagree although the runtime contract is the same.
const config = {
  schema: { "vendor/shopify/admin-2026-10.json.gz": { loader: "./scripts/admin-schema-loader.cjs" } },
  documents: ["app/.server/admin-api/documents/*.ts"],
  pluckConfig,
  generates: {
    "app/types/admin.types.d.ts": { plugins: ["typescript"] },
    "app/types/admin.generated.d.ts": { preset, presetConfig: { apiType: ApiType.Admin } },
  },
  silent: true,
};

export default config;
