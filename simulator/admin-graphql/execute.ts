// Runs a GraphQL document against the real Admin schema over a simulated
// shop: parse and validate with graphql-js (a document Shopify would reject
// is rejected, never answered), then calculated cost, the leaky bucket, and
// execution with the simulator's views.
import {
  executeSync,
  GraphQLError,
  isNonNullType,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from "graphql";
import type { GraphqlContext } from "./context";
import { deniedValue } from "../protected-customer-data";
import { operationOf, queryCost } from "./cost";
import { rootValue } from "./root";
import { adminSchema } from "./schema";
import { MAX_SINGLE_QUERY_COST, type CostBucket } from "./throttle";

type Source = Record<string, unknown>;

const fieldResolver: GraphQLFieldResolver<Source, GraphqlContext> = (source, args, context, info) => {
  if (context.protectedCustomerData.restricts()) {
    const denied = context.protectedCustomerData.denial(info);
    if (denied) return deniedValue(info, denied, context.denials);
  }
  const value = source?.[info.fieldName];
  if (typeof value === "function")
    return (value as (a: unknown, c: GraphqlContext, i: unknown) => unknown)(args, context, info);
  if (value === undefined) {
    if (isNonNullType(info.returnType)) {
      throw new GraphQLError(`The Shopify simulator does not implement ${info.parentType.name}.${info.fieldName}`);
    }
    return null;
  }
  return value;
};

// Validating against the full Admin schema costs milliseconds per request; an
// app sends the same few documents over and over (Shopify caches them too).
const validated = new Map<string, DocumentNode>();
const VALIDATED_CACHE_SIZE = 500;

export function parseDocument(query: string): { document?: DocumentNode; errors?: GraphQLError[] } {
  const cached = validated.get(query);
  if (cached) return { document: cached };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const errors = validate(adminSchema(), document);
  if (errors.length) return { errors: [...errors] };
  if (validated.size >= VALIDATED_CACHE_SIZE) validated.delete(validated.keys().next().value!);
  validated.set(query, document);
  return { document };
}

export function executeDocument(
  document: DocumentNode,
  context: GraphqlContext,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): ExecutionResult {
  return executeSync({
    schema: adminSchema(),
    document,
    rootValue: rootValue(context.shop),
    contextValue: context,
    variableValues: variables,
    operationName: operationName ?? undefined,
    fieldResolver,
  });
}

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GraphqlResponse {
  data?: unknown;
  errors?: unknown[];
  extensions?: Record<string, unknown>;
}

function errorJson(error: GraphQLError): Record<string, unknown> {
  const json = error.toJSON() as unknown as Record<string, unknown>;
  return json;
}

export function handleGraphql(request: GraphqlRequest, context: GraphqlContext, bucket: CostBucket): GraphqlResponse {
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return { errors: [{ message: "No query string was present" }] };
  }
  const { document, errors } = parseDocument(request.query);
  if (!document) return { errors: errors!.map(errorJson) };
  if (!operationOf(document, request.operationName)) {
    return { errors: [{ message: `No operation named "${request.operationName ?? ""}"` }] };
  }
  const variables = request.variables ?? {};
  const requested = queryCost(adminSchema(), document, request.operationName, variables);
  if (requested > MAX_SINGLE_QUERY_COST) {
    return {
      errors: [
        {
          message:
            `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\n` +
            "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n" +
            "cost of a query is calculated.\n\n" +
            "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
            "See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n",
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_SINGLE_QUERY_COST },
        },
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  if (!bucket.take(requested)) {
    return {
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  const result = executeDocument(document, context, variables, request.operationName);
  const actual = result.data ? queryCost(adminSchema(), document, request.operationName, variables, result.data) : 0;
  bucket.giveBack(requested - actual);
  const extensions: Record<string, unknown> = {
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
  };
  if (context.warnings.length)
    extensions.search = context.warnings.map((warning) => ({ path: [], query: "", parsed: {}, warnings: [warning] }));
  const answerErrors = [...(result.errors ?? []).map(errorJson), ...context.denials];
  return {
    ...(answerErrors.length ? { errors: answerErrors } : {}),
    data: result.data ?? null,
    extensions,
  };
}
