// Display formatting shared by the dashboard pages: amounts in the shop's
// currency, instants in the shop's time zone, changes against a previous value.
export function formatMoney(amount: string | number, currency: string | null): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!currency) return value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(value);
}

export function formatInstant(value: Date | string | null, timeZone: string | null): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? "UTC" }).format(
    new Date(value),
  );
}

export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

/** "+12%" / "−5%" / "new" against the previous period; null when both are zero. */
export function change(current: number, previous: number): { label: string; direction: "up" | "down" | "flat" } | null {
  if (current === 0 && previous === 0) return null;
  if (previous === 0) return { label: "new", direction: "up" };
  const percent = ((current - previous) / Math.abs(previous)) * 100;
  const rounded = Math.round(percent);
  if (rounded === 0) return { label: "0%", direction: "flat" };
  return { label: `${rounded > 0 ? "+" : "−"}${Math.abs(rounded)}%`, direction: rounded > 0 ? "up" : "down" };
}
