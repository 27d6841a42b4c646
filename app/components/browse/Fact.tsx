import { BlockStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A labelled value on a detail page. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <BlockStack gap="100">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span">{children}</Text>
    </BlockStack>
  );
}

/** A postal address stored as Shopify's JSON, as lines. */
export function addressLines(address: unknown): string[] {
  if (!address || typeof address !== "object") return [];
  const value = address as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === "string" && value[key] ? (value[key] as string) : null);
  const name = text("name") ?? ([text("first_name"), text("last_name")].filter(Boolean).join(" ") || null);
  return [
    name,
    text("company"),
    text("address1"),
    text("address2"),
    [text("zip"), text("city")].filter(Boolean).join(" ") || null,
    [text("province"), text("country")].filter(Boolean).join(", ") || null,
  ].filter((line): line is string => line !== null);
}
