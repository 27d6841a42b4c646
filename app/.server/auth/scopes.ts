// Granted vs needed access scopes, by Shopify's own rules (AuthScopes: a
// granted write_x implies read_x).
import { AuthScopes } from "@shopify/shopify-api";

export function missingScopes(needed: readonly string[], granted: readonly string[]): string[] {
  const held = new AuthScopes([...granted]);
  return needed.filter((scope) => !held.has(scope));
}

export function parseScopes(scopes: string | null | undefined): string[] {
  return (scopes ?? "")
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
}
