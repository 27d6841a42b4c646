-- CreateTable
CREATE TABLE "s3_snapshots" (
    "id" TEXT NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "manifest_url" TEXT,
    "rows" BIGINT,
    "bytes" BIGINT,
    "tables" JSONB,
    "error" TEXT,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "s3_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_redactions" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shop_domain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "customer_ids" BIGINT[],
    "order_ids" BIGINT[],
    "email_sha256" TEXT[],
    "phone_sha256" TEXT[],
    "cart_tokens" TEXT[],
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "snapshots_rewritten" TEXT[],
    "snapshots_checked" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "snapshot_redactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "s3_snapshots_shop_id_started_at_idx" ON "s3_snapshots"("shop_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "snapshot_redactions_completed_at_idx" ON "snapshot_redactions"("completed_at");

-- AddForeignKey
ALTER TABLE "s3_snapshots" ADD CONSTRAINT "s3_snapshots_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_redactions" ADD CONSTRAINT "snapshot_redactions_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

