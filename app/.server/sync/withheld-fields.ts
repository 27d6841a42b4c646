// The protected customer fields Shopify withholds from the app (level 2 of
// protected customer data not approved): collected while a sync task reads,
// kept on the shop for the Sync health page, cleared once a backfill reads
// customers and orders with nothing withheld.
import type { PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import type { WithheldField } from "~/.server/admin-api/admin-client";

export const PROTECTED_CUSTOMER_FIELDS = ["name", "email", "phone", "address"] as const;
type ProtectedCustomerField = (typeof PROTECTED_CUSTOMER_FIELDS)[number];

/** Which protected field a withheld GraphQL field is (Shopify approves them as these four). */
function protectedFieldOf(field: string): ProtectedCustomerField {
  if (/email/i.test(field)) return "email";
  if (/phone/i.test(field)) return "phone";
  if (/name/i.test(field)) return "name";
  return "address";
}

/** What one task saw withheld: the four fields at most, with one of Shopify's messages. */
export class WithheldFields {
  private readonly fields = new Set<ProtectedCustomerField>();
  private message = "";

  add = (withheld: WithheldField[]): void => {
    for (const entry of withheld) {
      this.fields.add(protectedFieldOf(entry.field));
      this.message ||= entry.message;
    }
  };

  get size(): number {
    return this.fields.size;
  }

  toJSON() {
    return {
      fields: PROTECTED_CUSTOMER_FIELDS.filter((field) => this.fields.has(field)),
      message: this.message,
      at: new Date().toISOString(),
    };
  }
}

export const withheldRecord = z.object({
  fields: z.array(z.enum(PROTECTED_CUSTOMER_FIELDS)),
  message: z.string(),
  at: z.string(),
});

/**
 * Records what a task saw withheld. A task that saw nothing withheld clears
 * the record only when `readEverything` (a backfill that loaded customers and
 * orders): a reconciliation that found no changed customer proves nothing.
 */
export async function recordWithheldFields(
  db: PrismaClient,
  shopId: bigint,
  seen: WithheldFields,
  readEverything: boolean,
): Promise<void> {
  if (seen.size > 0) {
    await db.shop.update({ where: { id: shopId }, data: { withheldCustomerFields: seen.toJSON() } });
  } else if (readEverything) {
    await db.shop.update({ where: { id: shopId }, data: { withheldCustomerFields: Prisma.DbNull } });
  }
}
