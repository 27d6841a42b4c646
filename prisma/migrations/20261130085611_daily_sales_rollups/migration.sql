-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateTable
CREATE TABLE "daily_sales" (
    "shop_id" BIGINT NOT NULL,
    "day" DATE NOT NULL,
    "orders" INTEGER NOT NULL,
    "gross_sales" DECIMAL(20,4) NOT NULL,
    "discounts" DECIMAL(20,4) NOT NULL,
    "returns" DECIMAL(20,4) NOT NULL,
    "taxes" DECIMAL(20,4) NOT NULL,
    "shipping" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "daily_sales_pkey" PRIMARY KEY ("shop_id","day")
);

-- CreateTable
CREATE TABLE "sales_rollup_state" (
    "shop_id" BIGINT NOT NULL,
    "position" xid8 NOT NULL,
    "time_zone" TEXT NOT NULL,

    CONSTRAINT "sales_rollup_state_pkey" PRIMARY KEY ("shop_id")
);

-- CreateIndex
CREATE INDEX "refunds_shop_id_write_xid_id_idx" ON "refunds"("shop_id", "write_xid", "id");

-- AddForeignKey
ALTER TABLE "daily_sales" ADD CONSTRAINT "daily_sales_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_rollup_state" ADD CONSTRAINT "sales_rollup_state_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Refunds are stamped on every update too (the function is the analyst API migration's).
CREATE TRIGGER refunds_write_xid BEFORE UPDATE ON "refunds" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
