// Total sales and orders per day (polaris-viz). Charts measure the page, so they
// render in the browser only; the server sends a placeholder of the same size.
import { useEffect, useState, type ReactNode } from "react";
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";

interface SalesChartsProps {
  series: { day: string; revenue: string; orders: number }[];
  currency: string | null;
}

export function SalesCharts({ series, currency }: SalesChartsProps) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // One series per chart, named by the card's title: no legend (polaris-viz also lays a chart out
  // with negative sizes while it measures its legend, which the browser reports as errors).
  // An all-zero series has nothing to draw: say so instead of an empty chart.
  const empty = series.every((point) => point.orders === 0);
  const revenue = [
    { name: "Total sales", data: series.map((point) => ({ key: point.day, value: Number(point.revenue) })) },
  ];
  const orders = [{ name: "Orders", data: series.map((point) => ({ key: point.day, value: point.orders })) }];
  const money = (value: number | string | null) =>
    value === null
      ? ""
      : new Intl.NumberFormat("en", currency ? { style: "currency", currency } : {}).format(Number(value));
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <ChartCard title="Total sales over time" name="revenue" empty={empty} mounted={mounted}>
        <LineChart
          data={revenue}
          theme="Light"
          isAnimated={false}
          showLegend={false}
          xAxisOptions={{ labelFormatter: shortDay }}
          yAxisOptions={{ labelFormatter: money }}
        />
      </ChartCard>
      <ChartCard title="Orders over time" name="orders" empty={empty} mounted={mounted}>
        <BarChart
          data={orders}
          theme="Light"
          isAnimated={false}
          showLegend={false}
          xAxisOptions={{ labelFormatter: shortDay }}
        />
      </ChartCard>
    </InlineGrid>
  );
}

interface ChartCardProps {
  title: string;
  name: string;
  empty: boolean;
  mounted: boolean;
  children: ReactNode;
}

function ChartCard({ title, name, empty, mounted, children }: ChartCardProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        {/* Charts size themselves to their parent: give them one with a definite height. */}
        <div style={{ height: 260, position: "relative" }} data-chart={name}>
          {empty ? (
            <Text as="p" tone="subdued">
              No sales in this period.
            </Text>
          ) : (
            mounted && (
              <PolarisVizProvider>
                <div style={{ position: "absolute", inset: 0 }}>{children}</div>
              </PolarisVizProvider>
            )
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

/** "2026-11-03" as "Nov 3". */
function shortDay(value: number | string | null): string {
  if (typeof value !== "string") return String(value ?? "");
  return new Date(`${value}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}
