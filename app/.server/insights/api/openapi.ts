// The analyst API's OpenAPI 3.1 document, generated from the same zod
// schemas that validate its requests and shape its responses, so the
// document cannot drift from the code (tests/analyst-api.test.ts validates
// every response it receives against it).
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { PROBLEM_TYPES } from "./problems";
import { API_RESOURCES, listQueryOf, type ApiResourceName } from "./resources";
import {
  customerMetrics,
  inventoryMetrics,
  inventoryQuery,
  periodQuery,
  productMetrics,
  productsQuery,
  salesMetrics,
} from "./metrics";
import { z } from "./zod";

/** RFC 9457 problem details, as every refusal is answered. */
export const problemDetails = z.object({
  type: z.string().describe(`https://storehouse.dev/problems/{${Object.keys(PROBLEM_TYPES).join("|")}}`),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
});

const pageOf = (item: z.ZodType) =>
  z.object({
    data: z.array(item),
    next_cursor: z
      .string()
      .describe("Pass as `cursor` for the next page; kept and passed later, it returns every row written since."),
    has_more: z.boolean(),
  });

const RESOURCE_NAMES: Record<ApiResourceName, string> = {
  orders: "Order",
  products: "Product",
  customers: "Customer",
  inventory_levels: "InventoryLevel",
  locations: "Location",
};

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemDetails } },
});
const REFUSALS = {
  400: problem("A parameter is not valid (type invalid-request)."),
  401: problem("Missing, malformed, unknown or revoked key (type unauthorized)."),
  429: problem("Over the key's rate limit (type rate-limited); see Retry-After."),
};

function buildDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from the admin's API access page or `npx storehouse api-keys create`.",
  });
  registry.register("Problem", problemDetails);
  for (const name of Object.keys(API_RESOURCES) as ApiResourceName[]) {
    const query = listQueryOf(name);
    const schema = registry.register(RESOURCE_NAMES[name], API_RESOURCES[name].schema);
    const common: Partial<RouteConfig> = { tags: [name], security: [{ [bearer.name]: [] }] };
    registry.registerPath({
      ...common,
      method: "get",
      path: `/api/v1/${name}`,
      summary: `List ${name.replace("_", " ")} in write order`,
      request: { query },
      responses: {
        200: { description: "One page", content: { "application/json": { schema: pageOf(schema) } } },
        ...REFUSALS,
      },
    } as RouteConfig);
    registry.registerPath({
      ...common,
      method: "get",
      path: `/api/v1/${name}/{id}`,
      summary: `One of the ${name.replace("_", " ")} by its Shopify id${name === "inventory_levels" ? " ({inventory_item_id}:{location_id})" : ""}`,
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: { description: "Found", content: { "application/json": { schema } } },
        404: problem("No such resource in the key's shop (type not-found)."),
        ...REFUSALS,
      },
    } as RouteConfig);
  }
  const metrics = [
    {
      path: "sales",
      name: "SalesMetrics",
      query: periodQuery,
      schema: salesMetrics,
      summary:
        "ShopifyQL's sales metrics (orders, gross_sales, discounts, returns, net_sales, taxes, shipping_charges, " +
        "total_sales, average_order_value, item quantities) for a period, by day, week (from Monday) or month in " +
        "the shop's time zone; both ends included, returns on the refund's day",
    },
    {
      path: "customers",
      name: "CustomerMetrics",
      query: periodQuery,
      schema: customerMetrics,
      summary: "New customers (first order in the interval) and returning customers' orders, by day, week or month",
    },
    {
      path: "products",
      name: "ProductMetrics",
      query: productsQuery,
      schema: productMetrics,
      summary: "A period's best-selling products or variants by net sales (returns on the refund's day)",
    },
    {
      path: "inventory",
      name: "InventoryMetrics",
      query: inventoryQuery,
      schema: inventoryMetrics,
      summary: "The inventory as it stands: units, stock-outs, low stock and value, in total and per location",
    },
  ];
  for (const metric of metrics) {
    registry.registerPath({
      method: "get",
      path: `/api/v1/metrics/${metric.path}`,
      tags: ["metrics"],
      security: [{ [bearer.name]: [] }],
      summary: metric.summary,
      request: { query: metric.query },
      responses: {
        200: {
          description: "The figures",
          content: { "application/json": { schema: registry.register(metric.name, metric.schema) } },
        },
        ...REFUSALS,
      },
    } as RouteConfig);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Storehouse analyst API",
      version: "1",
      description:
        "The shop's Shopify data as Storehouse stores it. Lists page in write order: following `next_cursor` " +
        "reads everything, and calling again later with the last one returns every row inserted or updated " +
        "since, even one whose Shopify `updated_at` is older than rows already read. Ids are Shopify's, as " +
        "strings; money is a decimal string; times are ISO 8601 UTC.",
    },
  });
}

let document: ReturnType<typeof buildDocument> | undefined;

/** The document, built once per process. */
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}
