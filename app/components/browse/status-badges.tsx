// Payment and fulfilment statuses as the Shopify admin shows them: badges
// with its wording and tones.
import { Badge } from "@shopify/polaris";

const FINANCIAL: Record<string, { label: string; tone?: "success" | "attention" | "warning" | "critical" | "info" }> = {
  pending: { label: "Payment pending", tone: "warning" },
  authorized: { label: "Authorized", tone: "attention" },
  partially_paid: { label: "Partially paid", tone: "warning" },
  paid: { label: "Paid" },
  partially_refunded: { label: "Partially refunded", tone: "info" },
  refunded: { label: "Refunded", tone: "info" },
  voided: { label: "Voided" },
};

const FULFILLMENT: Record<string, { label: string; tone?: "success" | "attention" | "warning" | "info" }> = {
  unfulfilled: { label: "Unfulfilled", tone: "attention" },
  partial: { label: "Partially fulfilled", tone: "warning" },
  fulfilled: { label: "Fulfilled", tone: "success" },
  restocked: { label: "Restocked", tone: "info" },
};

export const FINANCIAL_LABELS = Object.fromEntries(Object.entries(FINANCIAL).map(([key, value]) => [key, value.label]));
export const FULFILLMENT_LABELS = Object.fromEntries(
  Object.entries(FULFILLMENT).map(([key, value]) => [key, value.label]),
);

export function FinancialBadge({ status }: { status: string | null }) {
  if (!status) return null;
  const known = FINANCIAL[status];
  return <Badge tone={known?.tone}>{known?.label ?? status}</Badge>;
}

export function FulfillmentBadge({ status }: { status: string | null }) {
  if (!status) return null;
  const known = FULFILLMENT[status];
  return <Badge tone={known?.tone}>{known?.label ?? status}</Badge>;
}
