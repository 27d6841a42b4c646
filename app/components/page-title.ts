// The document title of an app page: "Orders · Storehouse" (Remix's meta export).
export function pageTitle(...parts: (string | null | undefined)[]) {
  return [{ title: [...parts.filter(Boolean), "Storehouse"].join(" · ") }];
}
