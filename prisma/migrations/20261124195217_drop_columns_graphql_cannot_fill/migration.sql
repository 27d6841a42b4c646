-- Order discount applications and line-item fulfilment status are not in the
-- Admin GraphQL shapes the backfill and reconciliation read, so these columns
-- could not hold the same value on both paths (raw keeps them).
-- AlterTable
ALTER TABLE "orders" DROP COLUMN "discount_applications";

-- AlterTable
ALTER TABLE "order_line_items" DROP COLUMN "fulfillment_status";

