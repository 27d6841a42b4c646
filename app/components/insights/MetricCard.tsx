import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { change } from "../format";

interface MetricCardProps {
  title: string;
  value: string;
  current: number;
  previous: number;
  previousLabel: string;
}

/** One headline figure with its change against the previous period. */
export function MetricCard({ title, value, current, previous, previousLabel }: MetricCardProps) {
  const delta = change(current, previous);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <InlineStack gap="200" blockAlign="center">
          <Text as="p" variant="headingLg" numeric>
            <span data-metric={title}>{value}</span>
          </Text>
          {delta && (
            <Badge tone={delta.direction === "up" ? "success" : delta.direction === "down" ? "critical" : undefined}>
              {delta.label}
            </Badge>
          )}
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          {previousLabel}
        </Text>
      </BlockStack>
    </Card>
  );
}
