-- AlterTable
ALTER TABLE "products" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "product_variants" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "inventory_items" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "inventory_levels" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "locations" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "order_line_items" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "refund_line_items" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "carts" ADD COLUMN     "event_triggered_at" TIMESTAMPTZ(3);

