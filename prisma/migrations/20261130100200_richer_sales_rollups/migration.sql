-- AlterTable
ALTER TABLE "daily_sales" ADD COLUMN     "first_orders" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "items_ordered" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "items_returned" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "repeat_orders" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "daily_variant_sales" (
    "shop_id" BIGINT NOT NULL,
    "day" DATE NOT NULL,
    "product_shopify_id" BIGINT NOT NULL,
    "variant_shopify_id" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "variant_title" TEXT,
    "net_sales" DECIMAL(20,4) NOT NULL,
    "net_items" INTEGER NOT NULL,

    CONSTRAINT "daily_variant_sales_pkey" PRIMARY KEY ("shop_id","day","product_shopify_id","variant_shopify_id")
);

-- AddForeignKey
ALTER TABLE "daily_variant_sales" ADD CONSTRAINT "daily_variant_sales_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every shop's rollups are rebuilt with the new figures on their next refresh;
-- period insights are read from the rollups now, so only the row counts stay snapshotted.
DELETE FROM "sales_rollup_state";
DELETE FROM "dashboard_snapshots" WHERE "kind" <> 'overview';

-- CreateIndex
CREATE INDEX "daily_variant_sales_shop_id_product_shopify_id_variant_shop_idx" ON "daily_variant_sales"("shop_id", "product_shopify_id", "variant_shopify_id", "day");
