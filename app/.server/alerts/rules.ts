// Alert rules: what condition, how sensitive, sent where. Store conditions
// (stock, big orders, refunds, cancellations, new customers) and pipeline
// health; evaluate.ts decides when one fires.
import { Prisma, type PrismaClient } from "@prisma/client";
import { displayTarget } from "./destinations";
import { RULE_KINDS } from "./rule-kinds";

export { RULE_KINDS };

export type RuleKind = keyof typeof RULE_KINDS;

export class RuleError extends Error {
  override name = "RuleError";
}

export function isRuleKind(kind: string): kind is RuleKind {
  return Object.hasOwn(RULE_KINDS, kind);
}

export interface RuleInput {
  kind: string;
  threshold?: number | null;
  destinationId: bigint;
  /** Stock rules: one location's level (its Shopify id) instead of the total over all locations. */
  locationId?: bigint | null;
}

const STOCK_KINDS: readonly string[] = ["low-stock", "out-of-stock", "back-in-stock"];

function checkThreshold(kind: RuleKind, threshold: number | null): void {
  const needs = RULE_KINDS[kind].threshold;
  if (needs === "required" && threshold === null) throw new RuleError(`a ${kind} rule needs a threshold`);
  if (needs === "none" && threshold !== null) throw new RuleError(`a ${kind} rule takes no threshold`);
  if (threshold !== null && (!Number.isFinite(threshold) || threshold < 0)) {
    throw new RuleError("the threshold must be a number, zero or more");
  }
}

export async function createRule(db: PrismaClient, shopId: bigint, input: RuleInput): Promise<{ id: string }> {
  if (!isRuleKind(input.kind)) {
    throw new RuleError(`kind must be one of ${Object.keys(RULE_KINDS).join(", ")}`);
  }
  const threshold = input.threshold ?? null;
  checkThreshold(input.kind, threshold);
  const locationId = input.locationId ?? null;
  if (locationId !== null && !STOCK_KINDS.includes(input.kind)) {
    throw new RuleError("only stock rules look at one location");
  }
  const destination = await db.alertDestination.findFirst({ where: { id: input.destinationId, shopId } });
  if (!destination) throw new RuleError("no such destination in this shop");
  // Evaluation starts from here: the writes after this rule exists are what it looks at.
  await db.$executeRaw`
    INSERT INTO alert_evaluation_state (shop_id, position) VALUES (${shopId}, pg_snapshot_xmin(pg_current_snapshot()))
    ON CONFLICT (shop_id) DO NOTHING`;
  const row = await db.alertRule.create({
    data: {
      shopId,
      kind: input.kind,
      threshold: threshold === null ? null : new Prisma.Decimal(threshold),
      destinationId: input.destinationId,
      locationId,
    },
  });
  return { id: row.id.toString() };
}

export async function listRules(db: PrismaClient, shopId: bigint) {
  const rows = await db.alertRule.findMany({
    where: { shopId },
    orderBy: { id: "asc" },
    include: { destination: true },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    kind: row.kind as RuleKind,
    threshold: row.threshold === null ? null : Number(row.threshold),
    locationId: row.locationId?.toString() ?? null,
    enabled: row.enabled,
    destination: {
      id: row.destinationId.toString(),
      kind: row.destination.kind,
      target: displayTarget(row.destination.kind, row.destination.target),
    },
    createdAt: row.createdAt,
  }));
}

/** A rule's new threshold (its state is kept: an alert already sent is not sent again). */
export async function updateRuleThreshold(
  db: PrismaClient,
  shopId: bigint,
  id: bigint,
  threshold: number | null,
): Promise<boolean> {
  const rule = await db.alertRule.findFirst({ where: { id, shopId } });
  if (!rule) return false;
  checkThreshold(rule.kind as RuleKind, threshold);
  await db.alertRule.update({
    where: { id },
    data: { threshold: threshold === null ? null : new Prisma.Decimal(threshold) },
  });
  return true;
}

export async function removeRule(db: PrismaClient, shopId: bigint, id: bigint): Promise<boolean> {
  const { count } = await db.alertRule.deleteMany({ where: { id, shopId } });
  return count > 0;
}

export async function setRuleEnabled(db: PrismaClient, shopId: bigint, id: bigint, enabled: boolean): Promise<boolean> {
  const { count } = await db.alertRule.updateMany({ where: { id, shopId }, data: { enabled } });
  return count > 0;
}
