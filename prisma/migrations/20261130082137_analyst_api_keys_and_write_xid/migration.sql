-- AlterTable
ALTER TABLE "products" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "inventory_levels" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "locations" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "write_xid" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateTable
CREATE TABLE "api_keys" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_requests" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "api_key_id" BIGINT,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "rows" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE INDEX "api_keys_shop_id_idx" ON "api_keys"("shop_id");

-- CreateIndex
CREATE INDEX "api_requests_shop_id_at_idx" ON "api_requests"("shop_id", "at");

-- CreateIndex
CREATE INDEX "products_shop_id_write_xid_id_idx" ON "products"("shop_id", "write_xid", "id");

-- CreateIndex
CREATE INDEX "inventory_levels_shop_id_write_xid_id_idx" ON "inventory_levels"("shop_id", "write_xid", "id");

-- CreateIndex
CREATE INDEX "locations_shop_id_write_xid_id_idx" ON "locations"("shop_id", "write_xid", "id");

-- CreateIndex
CREATE INDEX "customers_shop_id_write_xid_id_idx" ON "customers"("shop_id", "write_xid", "id");

-- CreateIndex
CREATE INDEX "orders_shop_id_write_xid_id_idx" ON "orders"("shop_id", "write_xid", "id");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_requests" ADD CONSTRAINT "api_requests_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_requests" ADD CONSTRAINT "api_requests_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Every update stamps the row with its writing transaction, whoever writes it (upserts,
-- tombstones, compliance erasure): the analyst API's incremental cursor follows write_xid.
-- The body's semicolons are written \073: the migration runner splits statements at every literal one.
CREATE FUNCTION storehouse_stamp_write_xid() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN NEW.write_xid := pg_current_xact_id()\073 RETURN NEW\073 END';

CREATE TRIGGER orders_write_xid BEFORE UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
CREATE TRIGGER products_write_xid BEFORE UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
CREATE TRIGGER customers_write_xid BEFORE UPDATE ON "customers" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
CREATE TRIGGER inventory_levels_write_xid BEFORE UPDATE ON "inventory_levels" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
CREATE TRIGGER locations_write_xid BEFORE UPDATE ON "locations" FOR EACH ROW EXECUTE FUNCTION storehouse_stamp_write_xid();
