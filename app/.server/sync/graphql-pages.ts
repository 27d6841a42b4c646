// Fetching children that did not fit in their parent's answer: the rest of a
// connection past its first page, and refund line items (which a bulk query
// cannot nest under an order's `refunds` list). Every call goes through the
// shop's cost-aware AdminRequest.
import type { AdminRequest } from "~/.server/admin-api/admin-client";
import { REFUND_LINE_ITEMS, REFUND_LINE_ITEMS_PAGE } from "~/.server/admin-api/documents/reconcile";
import type { Node, RefundDetails } from "~/.server/normalize/graphql";

export interface Connection {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * All nodes of `parentId`'s connection `field`: `first` is the page the
 * parent came with; `pageDocument` (a `node(id:)` query taking `$id` and
 * `$after`) fetches the rest.
 */
export async function allNodes(
  request: AdminRequest,
  pageDocument: string,
  parentId: string,
  field: string,
  first: Connection,
): Promise<Node[]> {
  const nodes = [...first.nodes];
  let pageInfo = first.pageInfo;
  while (pageInfo.hasNextPage) {
    const data = await request<{ node: Record<string, Connection> | null }>(pageDocument, {
      id: parentId,
      after: pageInfo.endCursor,
    });
    const page = data.node?.[field];
    if (!page) break; // The parent was deleted meanwhile; its webhook removes it.
    nodes.push(...page.nodes);
    pageInfo = page.pageInfo;
  }
  return nodes;
}

// Four refunds with their first 25 line items each stay under the 1,000-point single-query limit.
const REFUNDS_PER_CALL = 4;
const CALLS_IN_FLIGHT = 4;

/** The GIDs of the refunds listed on GraphQL orders. */
export function refundIdsOf(orders: Node[]): string[] {
  return orders.flatMap((order) => ((order.refunds as Node[] | undefined) ?? []).map((refund) => String(refund.id)));
}

/**
 * Line items and transactions by refund GID (the refund's own fields come
 * along, in `refund`). Each refund costs a few points of the shop's bucket, so
 * for a whole shop this is paced by Shopify's restore rate.
 */
export async function fetchRefundDetails(
  request: AdminRequest,
  refundIds: string[],
): Promise<Map<string, RefundDetails & { refund: Node }>> {
  const byRefund = new Map<string, RefundDetails & { refund: Node }>();
  const chunks: string[][] = [];
  for (let start = 0; start < refundIds.length; start += REFUNDS_PER_CALL) {
    chunks.push(refundIds.slice(start, start + REFUNDS_PER_CALL));
  }
  // A few calls in flight to hide Shopify's latency; the cost limiter keeps them within the bucket.
  const fetchChunk = async (ids: string[]) => {
    const data = await request<{
      nodes: ((Node & { id: string; refundLineItems: Connection; transactions: { nodes: Node[] } }) | null)[];
    }>(REFUND_LINE_ITEMS, { ids });
    for (const refund of data.nodes) {
      if (!refund) continue;
      byRefund.set(refund.id, {
        refund,
        lineItems: await allNodes(
          request,
          REFUND_LINE_ITEMS_PAGE,
          refund.id,
          "refundLineItems",
          refund.refundLineItems,
        ),
        // A refund has a handful of transactions at most; ten covers it.
        transactions: refund.transactions.nodes,
      });
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CALLS_IN_FLIGHT, chunks.length) }, async () => {
      while (next < chunks.length) await fetchChunk(chunks[next++]!);
    }),
  );
  return byRefund;
}
