// Every Admin API call of background work goes through here: one cost limiter
// per shop (Shopify's leaky bucket, mirrored from extensions.cost.throttleStatus)
// waits before a call the bucket cannot pay for, and a THROTTLED answer (HTTP
// 200, which Shopify's client does not retry) is retried once the bucket has
// refilled enough.
import type { AdminGraphql } from "./shop-profile";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

interface GraphqlBody {
  data?: unknown;
  errors?: GraphqlError[] | { graphQLErrors?: GraphqlError[]; message?: string };
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    message: string,
    readonly errors: GraphqlError[],
  ) {
    super(message);
  }
}

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The app's view of one shop's bucket; calls through it never ask for more than it holds. */
export class CostLimiter {
  private status: ThrottleStatus | undefined;
  private observedAt = 0;
  /** Cost held by calls sent and not yet answered. */
  private inFlight = 0;
  /** Calls that had to wait, and for how long in total (for sync status and tests). */
  waits = 0;
  waitedMs = 0;
  throttledRetries = 0;

  constructor(
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  observe(status: ThrottleStatus): void {
    this.status = status;
    this.observedAt = this.now();
  }

  /** What the bucket holds now: the last answer plus the restore since, less what calls in flight will take. */
  available(): number {
    if (!this.status) return Number.POSITIVE_INFINITY;
    const restored = ((this.now() - this.observedAt) / 1000) * this.status.restoreRate;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + restored) - this.inFlight;
  }

  /**
   * Waits until the bucket can pay `cost`, then holds it for the call about to
   * be sent (so concurrent calls queue rather than all going at once and being
   * throttled). Returns what it held; give it back with release() once answered.
   */
  async waitFor(cost: number): Promise<number> {
    for (;;) {
      const status = this.status;
      if (!status) return 0;
      const needed = Math.min(cost, status.maximumAvailable);
      const missing = needed - this.available();
      if (missing <= 0) {
        this.inFlight += needed;
        return needed;
      }
      const ms = Math.ceil((missing / status.restoreRate) * 1000);
      this.waits += 1;
      this.waitedMs += ms;
      await this.sleep(ms);
    }
  }

  release(held: number): void {
    this.inFlight = Math.max(0, this.inFlight - held);
  }
}

const limiters = new Map<string, CostLimiter>();

/** The process's limiter for a shop (Shopify's bucket is per app and shop). */
export function costLimiterFor(shopDomain: string): CostLimiter {
  let limiter = limiters.get(shopDomain);
  if (!limiter) limiters.set(shopDomain, (limiter = new CostLimiter()));
  return limiter;
}

export type AdminRequest = <TData>(document: string, variables?: Record<string, unknown>) => Promise<TData>;

/** A protected customer field Shopify answered null because the app is not approved to read it. */
export interface WithheldField {
  /** The field's name, e.g. "email" or "shippingAddress". */
  field: string;
  message: string;
}

export interface AdminClientOptions {
  /**
   * Told which protected customer fields an answer withheld. Such an answer
   * is returned (the fields null), not thrown: the rest of it is good data.
   */
  onWithheld?: (withheld: WithheldField[]) => void;
  maxThrottledRetries?: number;
  /** Cost assumed for a document before Shopify has priced it once. */
  defaultCost?: number;
}

/**
 * Wraps a raw Admin GraphQL function (Shopify's `admin.graphql`, or a test
 * client) so it returns `data`, throws AdminApiError on GraphQL errors (but
 * returns an answer whose only errors are withheld protected fields) and
 * paces itself by the shop's bucket.
 */
export function createAdminRequest(
  graphql: AdminGraphql,
  limiter: CostLimiter,
  options: AdminClientOptions = {},
): AdminRequest {
  const maxRetries = options.maxThrottledRetries ?? 20;
  const lastCost = new Map<string, number>();
  return async <TData>(document: string, variables?: Record<string, unknown>): Promise<TData> => {
    for (let attempt = 0; ; attempt += 1) {
      const held = await limiter.waitFor(lastCost.get(document) ?? options.defaultCost ?? 10);
      let body: GraphqlBody;
      try {
        body = await send(graphql, document, variables);
      } finally {
        limiter.release(held);
      }
      const cost = body.extensions?.cost;
      if (cost?.throttleStatus) limiter.observe(cost.throttleStatus);
      if (cost?.requestedQueryCost !== undefined) lastCost.set(document, cost.requestedQueryCost);
      const errors = graphqlErrors(body);
      if (errors.some((error) => error.extensions?.code === "THROTTLED")) {
        if (attempt >= maxRetries) throw new AdminApiError("Shopify kept throttling the request", errors);
        limiter.throttledRetries += 1;
        continue;
      }
      if (errors.length && body.data && errors.every(isWithheldField)) {
        options.onWithheld?.(
          errors.map((error) => ({
            field: String(error.path!.findLast((key) => typeof key === "string")),
            message: error.message,
          })),
        );
        return body.data as TData;
      }
      if (errors.length) throw new AdminApiError(errors.map((error) => error.message).join("; "), errors);
      return body.data as TData;
    }
  };
}

async function send(
  graphql: AdminGraphql,
  document: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlBody> {
  try {
    const response = await graphql(document, variables ? { variables } : undefined);
    return (await response.json()) as GraphqlBody;
  } catch (error) {
    // Shopify's client throws GraphqlQueryError for a 200 with errors (THROTTLED
    // included); its body is the parsed answer, extensions and all.
    const body = (error as { body?: GraphqlBody }).body;
    if (body && typeof body === "object" && body.errors) return body;
    throw error;
  }
}

/**
 * A field inside an object denied for protected customer data (level 2 not
 * approved). A denied root field (level 1: no Customer or Order at all) nulls
 * the answer and is an error like any other.
 */
function isWithheldField(error: GraphqlError): boolean {
  return error.extensions?.code === "ACCESS_DENIED" && (error.path?.length ?? 0) >= 2;
}

function graphqlErrors(body: GraphqlBody): GraphqlError[] {
  if (!body.errors) return [];
  if (Array.isArray(body.errors)) return body.errors;
  return body.errors.graphQLErrors ?? [{ message: body.errors.message ?? "GraphQL request failed" }];
}
