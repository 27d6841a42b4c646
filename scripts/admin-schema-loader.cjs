// graphql-codegen schema loader: the vendored Admin API introspection is
// gzipped (vendor/shopify/admin-2026-10.json.gz); codegen cannot read that itself.
const { readFileSync } = require("node:fs");
const { gunzipSync } = require("node:zlib");
const { buildClientSchema } = require("graphql");

module.exports = function loadAdminSchema(path) {
  const introspection = JSON.parse(gunzipSync(readFileSync(path)).toString());
  return buildClientSchema(introspection.data);
};
