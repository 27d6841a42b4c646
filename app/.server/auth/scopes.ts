// Granted vs needed access scopes. Shopify grants `write_x` with `read_x`
// implied, so a granted write scope satisfies the read one.
export function missingScopes(needed: readonly string[], granted: readonly string[]): string[] {
  const held = new Set(granted.map((scope) => scope.trim()).filter(Boolean));
  return needed.filter((scope) => !held.has(scope) && !held.has(scope.replace(/^read_/, "write_")));
}

export function parseScopes(scopes: string | null | undefined): string[] {
  return (scopes ?? "")
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
}
