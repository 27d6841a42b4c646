// Alert destinations: parsed from the CLI's and the admin's DEST form
// (mailto:a@b.c, sms:+15551234567, webhook:https://…, slack:https://…),
// checked (an https URL that reaches only public addresses), and for
// webhooks given a Standard Webhooks signing secret (whsec_…), shown once
// and rotatable: after a rotation both secrets sign for a day.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { checkTarget } from "./target-guard";

export const DESTINATION_KINDS = ["email", "sms", "webhook", "slack"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export class DestinationError extends Error {
  override name = "DestinationError";
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** How long the secret before a rotation keeps signing, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** A DEST string as kind and target; throws DestinationError with the reason. */
export async function parseDestination(
  dest: string,
  allowPrivate: boolean,
): Promise<{ kind: DestinationKind; target: string }> {
  const colon = dest.indexOf(":");
  const scheme = colon > 0 ? dest.slice(0, colon) : "";
  const rest = dest.slice(colon + 1);
  switch (scheme) {
    case "mailto":
      if (!EMAIL.test(rest)) throw new DestinationError(`${rest} is not an email address`);
      return { kind: "email", target: rest };
    case "sms":
      if (!E164.test(rest)) throw new DestinationError(`${rest} is not a phone number in E.164 form (+15551234567)`);
      return { kind: "sms", target: rest };
    case "webhook":
    case "slack":
      try {
        await checkTarget(rest, allowPrivate);
      } catch (error) {
        throw new DestinationError(`${rest} is refused: ${(error as Error).message}`);
      }
      return { kind: scheme, target: rest };
    default:
      throw new DestinationError("a destination is mailto:…, sms:+…, webhook:https://… or slack:https://…");
  }
}

/** A new Standard Webhooks secret: whsec_ and 24 random bytes in base64. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export async function createDestination(
  db: PrismaClient,
  shopId: bigint,
  parsed: { kind: DestinationKind; target: string },
): Promise<{ id: string; kind: DestinationKind; target: string; secret?: string }> {
  const secret = parsed.kind === "webhook" ? newSigningSecret() : null;
  const row = await db.alertDestination.create({ data: { shopId, ...parsed, secret } });
  return { id: row.id.toString(), ...parsed, ...(secret ? { secret } : {}) };
}

/** A webhook destination's new secret (shown once); the old one keeps signing for ROTATION_OVERLAP_MS. */
export async function rotateSecret(db: PrismaClient, shopId: bigint, id: bigint, now = new Date()): Promise<string> {
  const destination = await db.alertDestination.findFirst({ where: { id, shopId, kind: "webhook" } });
  if (!destination) throw new DestinationError("no such webhook destination in this shop");
  const secret = newSigningSecret();
  await db.alertDestination.update({
    where: { id },
    data: { secret, previousSecret: destination.secret, previousUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS) },
  });
  return secret;
}

/** A destination's target as the app shows it: a Slack or webhook URL's path and query can be its secret. */
export function displayTarget(kind: string, target: string): string {
  if (kind !== "slack" && kind !== "webhook") return target;
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? "/…" : "/"}`;
  } catch {
    return "(invalid URL)";
  }
}

/** The shop's destinations, secrets left out. */
export async function listDestinations(db: PrismaClient, shopId: bigint) {
  const rows = await db.alertDestination.findMany({ where: { shopId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({
    id: row.id.toString(),
    kind: row.kind as DestinationKind,
    target: displayTarget(row.kind, row.target),
    pausedAt: row.pausedAt,
    failingSince: row.failingSince,
  }));
}

/** Sends to a paused destination again (the merchant fixed it). */
export async function resumeDestination(db: PrismaClient, shopId: bigint, id: bigint): Promise<boolean> {
  const { count } = await db.alertDestination.updateMany({
    where: { id, shopId },
    data: { pausedAt: null, failingSince: null },
  });
  return count > 0;
}
