-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "dashboard_snapshots" (
    "shop_id" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "changed_at" TIMESTAMPTZ(3),

    CONSTRAINT "dashboard_snapshots_pkey" PRIMARY KEY ("shop_id","kind")
);

-- CreateIndex
CREATE INDEX "products_title_trgm_idx" ON "products" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "products_tags_idx" ON "products" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "customers_tags_idx" ON "customers" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "orders_name_trgm_idx" ON "orders" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "orders_email_trgm_idx" ON "orders" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "orders_tags_idx" ON "orders" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "dashboard_snapshots" ADD CONSTRAINT "dashboard_snapshots_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (Prisma cannot express indexes on expressions), named *_browse_*.
-- The data browsers' sort orders: (shop_id, sort key, id) serves keyset pages
-- in both directions. The keys are coalesced so that no NULL breaks the row comparison.
CREATE INDEX "orders_browse_date_idx" ON "orders" ("shop_id", (coalesce("processed_at", '-infinity'::timestamptz)), "id");
CREATE INDEX "orders_browse_total_idx" ON "orders" ("shop_id", (coalesce("total_price", 0)), "id");
CREATE INDEX "customers_browse_created_idx" ON "customers" ("shop_id", (coalesce("created_at", '-infinity'::timestamptz)), "id");
CREATE INDEX "customers_browse_spent_idx" ON "customers" ("shop_id", (coalesce("total_spent", 0)), "id");
CREATE INDEX "customers_browse_name_idx" ON "customers" ("shop_id", (lower(coalesce("last_name", '') || ' ' || coalesce("first_name", ''))), "id");
CREATE INDEX "customers_browse_name_trgm_idx" ON "customers" USING GIN ((lower(coalesce("last_name", '') || ' ' || coalesce("first_name", ''))) gin_trgm_ops);
CREATE INDEX "products_browse_title_idx" ON "products" ("shop_id", (lower(coalesce("title", ''))), "id");
CREATE INDEX "products_browse_updated_idx" ON "products" ("shop_id", (coalesce("updated_at", '-infinity'::timestamptz)), "id");
CREATE INDEX "products_browse_created_idx" ON "products" ("shop_id", (coalesce("created_at", '-infinity'::timestamptz)), "id");
