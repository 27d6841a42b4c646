// One bulk query: start it, follow it to the end, stream its JSONL.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { AdminRequest } from "~/.server/admin-api/admin-client";
import { BULK_OPERATION_RUN_QUERY, BULK_OPERATION_STATUS } from "~/.server/admin-api/documents/bulk-operations";
import type { Node } from "~/.server/normalize/graphql";
import type { BulkOperationRunQueryMutation, BulkOperationStatusQuery } from "~/types/admin.generated";

export interface BulkOperationOptions {
  /** First poll delay; later ones grow to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** How long to keep retrying while the shop already runs its maximum of bulk operations. */
  limitWaitMs?: number;
}

export class BulkOperationError extends Error {
  override name = "BulkOperationError";
  constructor(
    message: string,
    /** Shopify's BulkOperationErrorCode for an operation that ended FAILED (ACCESS_DENIED, TIMEOUT...). */
    readonly errorCode: string | null = null,
  ) {
    super(message);
  }
}

export interface CompletedBulkOperation {
  id: string;
  objectCount: number;
  url: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunBulkOperationOptions extends BulkOperationOptions {
  /** Follow this already started operation (a resumed backfill) instead of starting one. */
  resumeId?: string | null;
  /** Told the operation's id as soon as Shopify accepted it, so a restarted worker can resume it. */
  onStarted?: (id: string) => Promise<void>;
}

export async function runBulkOperation(
  request: AdminRequest,
  query: string,
  options: RunBulkOperationOptions = {},
): Promise<CompletedBulkOperation> {
  let id = options.resumeId;
  if (!id) {
    id = await startBulkOperation(request, query, options);
    await options.onStarted?.(id);
  }
  let delay = options.pollMs ?? 1_000;
  for (;;) {
    const { bulkOperation } = await request<BulkOperationStatusQuery>(BULK_OPERATION_STATUS, { id });
    if (!bulkOperation) throw new BulkOperationError(`bulk operation ${id} disappeared`);
    switch (bulkOperation.status) {
      case "COMPLETED":
        return {
          id,
          objectCount: Number(bulkOperation.objectCount),
          url: bulkOperation.url ? String(bulkOperation.url) : null,
        };
      case "FAILED":
      case "CANCELED":
      case "EXPIRED":
        throw new BulkOperationError(
          `bulk operation ${id} ended ${bulkOperation.status}${bulkOperation.errorCode ? ` (${bulkOperation.errorCode})` : ""}`,
          bulkOperation.errorCode ?? null,
        );
      default:
        await sleep(delay);
        delay = Math.min(delay * 2, options.maxPollMs ?? 10_000);
    }
  }
}

async function startBulkOperation(request: AdminRequest, query: string, options: BulkOperationOptions) {
  const deadline = Date.now() + (options.limitWaitMs ?? 10 * 60_000);
  for (let delay = options.pollMs ?? 1_000; ; delay = Math.min(delay * 2, options.maxPollMs ?? 10_000)) {
    const { bulkOperationRunQuery } = await request<BulkOperationRunQueryMutation>(BULK_OPERATION_RUN_QUERY, {
      query,
    });
    const errors = bulkOperationRunQuery?.userErrors ?? [];
    const operation = bulkOperationRunQuery?.bulkOperation;
    if (operation && !errors.length) return operation.id;
    // The shop already runs its maximum of bulk operations (another backfill, another app): wait for a slot.
    if (errors.some((error) => error.code === "LIMIT_REACHED") && Date.now() < deadline) {
      await sleep(delay);
      continue;
    }
    throw new BulkOperationError(
      `bulk operation refused: ${errors.map((error) => error.message).join("; ") || "no operation"}`,
    );
  }
}

/**
 * Streams a bulk result as parents with their nested-connection children.
 * Shopify writes each parent before its children and, in practice and in its
 * documented samples, each parent's children right after it; a child of an
 * earlier parent is reported as an error rather than silently misfiled.
 */
export async function* readBulkResult(url: string): AsyncGenerator<{ parent: Node; children: Node[] }> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new BulkOperationError(`downloading the bulk result failed: HTTP ${response.status}`);
  }
  const lines = createInterface({
    input: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    crlfDelay: Infinity,
  });
  let current: { parent: Node; children: Node[] } | undefined;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const node = JSON.parse(line) as Node;
    const parentId = node.__parentId;
    if (parentId === undefined) {
      if (current) yield current;
      current = { parent: node, children: [] };
    } else if (current && current.parent.id === parentId) {
      current.children.push(node);
    } else {
      throw new BulkOperationError(
        `bulk result line for ${String(node.id)} does not follow its parent ${String(parentId)}`,
      );
    }
  }
  if (current) yield current;
}
