// Bulk query operations as Shopify runs them: validated up front (the real
// schema, at least one and at most five connections, nesting depth two),
// run in the background through CREATED → RUNNING → COMPLETED / FAILED /
// CANCELED, written as JSONL (one object per line, nested connection nodes on
// their own lines with __parentId), served from an expiring URL. The query runs
// one window of root records at a time, so memory stays flat for any shop size.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLCompositeType,
  type SelectionSetNode,
} from "graphql";
import { isConnectionType, operationOf } from "./admin-graphql/cost";
import type { GraphqlContext } from "./admin-graphql/context";
import { adminSchema } from "./admin-graphql/schema";
import type { SimulatedShop } from "./shop/shop";
import type { UserError } from "./webhooks/subscriptions";

export const MAX_CONCURRENT_QUERY_OPERATIONS = 5;
const MAX_CONNECTIONS = 5;
const MAX_CONNECTION_DEPTH = 2;
const WINDOW = 250;

export type BulkOperationStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

export interface BulkOperationRecord {
  id: string;
  shop: string;
  query: string;
  status: BulkOperationStatus;
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  createdAt: number;
  completedAt: number | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  expiresAt: number | null;
  file: string | null;
}

export interface BulkOperationsOptions {
  directory: string;
  resultUrl: (token: string, expiresAt: number) => string;
  resultTtlMs: number;
  execute: (
    document: DocumentNode,
    context: GraphqlContext,
  ) => { data?: Record<string, unknown> | null; errors?: readonly unknown[] };
  context: (shop: SimulatedShop) => GraphqlContext;
  onFinished: (operation: BulkOperationRecord) => void;
  /** Pause between windows: lets tests observe RUNNING and keeps the server responsive. */
  windowDelayMs?: number;
}

let nextId = 0;

export class BulkOperations {
  private readonly operations = new Map<string, BulkOperationRecord>();
  private readonly cancelRequested = new Set<string>();
  private readonly byToken = new Map<string, BulkOperationRecord>();

  constructor(private readonly options: BulkOperationsOptions) {
    mkdirSync(options.directory, { recursive: true });
  }

  private refreshExpiry(operation: BulkOperationRecord): BulkOperationRecord {
    if (operation.status === "COMPLETED" && operation.expiresAt !== null && Date.now() > operation.expiresAt) {
      operation.status = "EXPIRED";
      operation.url = null;
    }
    return operation;
  }

  get(shop: string, id: string): BulkOperationRecord | undefined {
    const operation = this.operations.get(id);
    return operation?.shop === shop ? this.refreshExpiry(operation) : undefined;
  }

  current(shop: string): BulkOperationRecord | undefined {
    let latest: BulkOperationRecord | undefined;
    for (const operation of this.operations.values()) if (operation.shop === shop) latest = operation;
    return latest ? this.refreshExpiry(latest) : undefined;
  }

  list(shop?: string): BulkOperationRecord[] {
    return [...this.operations.values()].filter((operation) => !shop || operation.shop === shop);
  }

  /** The JSONL file behind a result URL, or why it cannot be served. */
  resultFile(token: string): { file?: string; status: number; message?: string } {
    const operation = this.byToken.get(token);
    if (!operation?.file) return { status: 404, message: "NoSuchKey: The specified key does not exist." };
    if (operation.expiresAt !== null && Date.now() > operation.expiresAt) {
      return { status: 400, message: "ExpiredToken: The provided token has expired. Request signature expired." };
    }
    return { file: operation.file, status: 200 };
  }

  run(
    shop: SimulatedShop,
    query: string,
  ): { operation?: BulkOperationRecord; userErrors: (UserError & { code: string })[] } {
    const invalid = (message: string) => ({ userErrors: [{ field: ["query"], message, code: "INVALID" }] });
    const { document, problem } = validateBulkQuery(query);
    if (!document) return invalid(problem!);
    const running = this.list(shop.domain).filter((op) =>
      ["CREATED", "RUNNING", "CANCELING"].includes(op.status),
    ).length;
    if (running >= MAX_CONCURRENT_QUERY_OPERATIONS) {
      return {
        userErrors: [
          {
            field: null,
            message: `A maximum of ${MAX_CONCURRENT_QUERY_OPERATIONS} bulk query operations can run at the same time per shop. Bulk operations limit reached. Please try again later.`,
            code: "LIMIT_REACHED",
          },
        ],
      };
    }
    nextId += 1;
    const operation: BulkOperationRecord = {
      id: shop.generator.id("BulkOperation", nextId),
      shop: shop.domain,
      query,
      status: "CREATED",
      errorCode: null,
      createdAt: Date.now(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      expiresAt: null,
      file: null,
    };
    this.operations.set(operation.id, operation);
    setImmediate(() => {
      this.execute(shop, operation, document).catch((error: unknown) => {
        operation.status = "FAILED";
        operation.errorCode = "INTERNAL_SERVER_ERROR";
        operation.completedAt = Date.now();
        console.error("[shopify-sim] bulk operation failed:", error);
        this.options.onFinished(operation);
      });
    });
    return { operation, userErrors: [] };
  }

  cancel(shop: string, id: string): BulkOperationRecord | undefined {
    const operation = this.get(shop, id);
    if (!operation) return undefined;
    if (operation.status === "CREATED" || operation.status === "RUNNING") {
      operation.status = "CANCELING";
      this.cancelRequested.add(operation.id);
    }
    return operation;
  }

  private async execute(shop: SimulatedShop, operation: BulkOperationRecord, document: DocumentNode): Promise<void> {
    if (this.cancelRequested.has(operation.id)) return this.finish(operation, "CANCELED");
    operation.status = "RUNNING";
    const token = randomBytes(16).toString("hex");
    const file = join(this.options.directory, `${token}.jsonl`);
    const out = createWriteStream(file);
    let bytes = 0;
    const write = async (line: string) => {
      bytes += Buffer.byteLength(line) + 1;
      if (!out.write(`${line}\n`)) await once(out, "drain");
    };
    try {
      for (let start = 0; ; start += WINDOW) {
        if (this.cancelRequested.has(operation.id)) {
          out.destroy();
          rmSync(file, { force: true });
          return this.finish(operation, "CANCELED");
        }
        const context = this.options.context(shop);
        context.bulk = { window: { start, end: start + WINDOW }, exhausted: true };
        const result = this.options.execute(document, context);
        if (result.errors?.length || context.denials.length || !result.data) {
          out.destroy();
          rmSync(file, { force: true });
          // A query touching data the app is not approved for fails whole, with ACCESS_DENIED (BulkOperationErrorCode).
          const denied =
            context.denials.length > 0 ||
            (result.errors ?? []).some((error) => (error as GraphQLError).extensions?.code === "ACCESS_DENIED");
          operation.errorCode = denied ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR";
          return this.finish(operation, "FAILED");
        }
        for (const value of Object.values(result.data)) {
          for (const node of connectionNodes(value)) {
            operation.rootObjectCount += 1;
            await this.emit(node, undefined, operation, write);
          }
        }
        if (context.bulk.exhausted) break;
        await new Promise((resolve) => setTimeout(resolve, this.options.windowDelayMs ?? 0));
      }
      out.end();
      await once(out, "finish");
    } catch (error) {
      out.destroy();
      throw error;
    }
    if (operation.objectCount > 0) {
      operation.expiresAt = Date.now() + this.options.resultTtlMs;
      operation.file = file;
      operation.fileSize = bytes;
      operation.url = this.options.resultUrl(token, operation.expiresAt);
      this.byToken.set(token, operation);
    } else {
      rmSync(file, { force: true });
    }
    this.finish(operation, "COMPLETED");
  }

  private async emit(
    node: Record<string, unknown>,
    parentId: string | undefined,
    operation: BulkOperationRecord,
    write: (line: string) => Promise<void>,
  ): Promise<void> {
    const line: Record<string, unknown> = {};
    const children: Record<string, unknown>[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (isConnectionValue(value)) children.push(...connectionNodes(value));
      else line[key] = value;
    }
    if (parentId) line.__parentId = parentId;
    operation.objectCount += 1;
    await write(JSON.stringify(line));
    for (const child of children) await this.emit(child, node.id as string, operation, write);
  }

  private finish(operation: BulkOperationRecord, status: BulkOperationStatus): void {
    operation.status = status;
    operation.completedAt = Date.now();
    this.cancelRequested.delete(operation.id);
    this.options.onFinished(operation);
  }

  clear(): void {
    this.operations.clear();
    this.byToken.clear();
  }
}

function isConnectionValue(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every((key) => key === "edges" || key === "nodes" || key === "pageInfo") &&
    (Array.isArray((value as Record<string, unknown>).edges) || Array.isArray((value as Record<string, unknown>).nodes))
  );
}

function connectionNodes(value: unknown): Record<string, unknown>[] {
  if (!isConnectionValue(value)) return [];
  if (Array.isArray(value.nodes)) return value.nodes as Record<string, unknown>[];
  return (value.edges as { node: Record<string, unknown> }[]).map((edge) => edge.node);
}

/** Shopify's rules for bulk queries, checked before anything runs. */
export function validateBulkQuery(query: string): { document?: DocumentNode; problem?: string } {
  let document: DocumentNode;
  try {
    document = parse(query);
    // Validation against the real schema first, exactly as for an ordinary query.
    const errors = validate(adminSchema(), document);
    if (errors.length) throw new Error(errors.map((error) => error.message).join("; "));
  } catch (error) {
    return { problem: `Invalid bulk query: ${(error as Error).message}` };
  }
  const operation = operationOf(document);
  if (!operation || operation.operation !== "query") return { problem: "Bulk queries must be a query operation." };
  const connections: { name: string; depth: number; parentSelectsId: boolean }[] = [];
  walkConnections(operation.selectionSet, adminSchema().getQueryType()!, 0, true, connections, document);
  if (connections.length === 0) return { problem: "Bulk queries must contain at least one connection." };
  if (connections.length > MAX_CONNECTIONS) {
    return { problem: `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.` };
  }
  const deep = connections.find((connection) => connection.depth > MAX_CONNECTION_DEPTH);
  if (deep) {
    return {
      problem: `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_CONNECTION_DEPTH}.`,
    };
  }
  const orphan = connections.find((connection) => !connection.parentSelectsId);
  if (orphan) {
    return {
      problem: `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection field: '${orphan.name}'`,
    };
  }
  return { document };
}

function walkConnections(
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  depth: number,
  parentSelectsId: boolean,
  found: { name: string; depth: number; parentSelectsId: boolean }[],
  document: DocumentNode,
): void {
  const selectsId = selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === "id" && !selection.alias,
  );
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : document.definitions.find(
              (definition): definition is FragmentDefinitionNode =>
                definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
            );
      if (fragment) {
        const condition = fragment.typeCondition ? adminSchema().getType(fragment.typeCondition.name.value) : parent;
        if (condition && (isObjectType(condition) || isInterfaceType(condition) || isUnionType(condition))) {
          walkConnections(fragment.selectionSet, condition, depth, parentSelectsId || selectsId, found, document);
        }
      }
      continue;
    }
    if (!selection.selectionSet || isUnionType(parent)) continue;
    const definition = parent.getFields()[selection.name.value];
    if (!definition) continue;
    const type = getNamedType(definition.type);
    if (!(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) continue;
    if (isConnectionType(type)) {
      found.push({
        name: selection.name.value,
        depth: depth + 1,
        parentSelectsId: depth === 0 || selectsId || parentSelectsId,
      });
      // Inside a connection, its nodes are the next parents.
      walkConnections(selection.selectionSet, type, depth + 1, false, found, document);
    } else {
      // An edge, a node or any nested object: the next connection's parent is this object.
      walkConnections(selection.selectionSet, type, depth, false, found, document);
    }
  }
}
