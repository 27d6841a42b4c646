-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "shops" (
    "id" BIGSERIAL NOT NULL,
    "shopify_id" BIGINT,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "currency" TEXT,
    "timezone" TEXT,
    "plan" TEXT,
    "scopes" TEXT,
    "installed_at" TIMESTAMPTZ(3),
    "uninstalled_at" TIMESTAMPTZ(3),
    "needs_reauth_at" TIMESTAMPTZ(3),
    "needs_reauth_reason" TEXT,
    "redacted_at" TIMESTAMPTZ(3),
    "raw" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "is_online" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMPTZ(3),
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT,
    "refresh_token_expires" TIMESTAMPTZ(3),
    "user_id" BIGINT,
    "first_name" TEXT,
    "last_name" TEXT,
    "email" TEXT,
    "account_owner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "email_verified" BOOLEAN DEFAULT false,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "title" TEXT,
    "handle" TEXT,
    "vendor" TEXT,
    "product_type" TEXT,
    "status" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "options" JSONB,
    "metafields" JSONB,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_variants" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "product_id" BIGINT,
    "product_shopify_id" BIGINT,
    "sku" TEXT,
    "title" TEXT,
    "barcode" TEXT,
    "position" INTEGER,
    "price" DECIMAL(20,4),
    "compare_at_price" DECIMAL(20,4),
    "currency" TEXT,
    "selected_options" JSONB,
    "inventory_item_id" BIGINT,
    "inventory_quantity" INTEGER,
    "inventory_policy" TEXT,
    "taxable" BOOLEAN,
    "metafields" JSONB,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "product_variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_items" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "sku" TEXT,
    "tracked" BOOLEAN,
    "requires_shipping" BOOLEAN,
    "cost" DECIMAL(20,4),
    "currency" TEXT,
    "country_code_of_origin" TEXT,
    "harmonized_system_code" TEXT,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "inventory_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_levels" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT,
    "inventory_item_id" BIGINT NOT NULL,
    "location_id" BIGINT NOT NULL,
    "available" INTEGER,
    "on_hand" INTEGER,
    "committed" INTEGER,
    "quantities" JSONB,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "inventory_levels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "locations" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "name" TEXT,
    "active" BOOLEAN,
    "fulfills_online_orders" BOOLEAN,
    "address" JSONB,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "email" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "phone" TEXT,
    "state" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "verified_email" BOOLEAN,
    "tax_exempt" BOOLEAN,
    "note" TEXT,
    "orders_count" INTEGER,
    "total_spent" DECIMAL(20,4),
    "currency" TEXT,
    "email_marketing_consent" JSONB,
    "sms_marketing_consent" JSONB,
    "default_address" JSONB,
    "addresses" JSONB,
    "metafields" JSONB,
    "redacted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "name" TEXT,
    "order_number" INTEGER,
    "customer_id" BIGINT,
    "customer_shopify_id" BIGINT,
    "email" TEXT,
    "phone" TEXT,
    "currency" TEXT,
    "presentment_currency" TEXT,
    "subtotal_price" DECIMAL(20,4),
    "total_price" DECIMAL(20,4),
    "total_tax" DECIMAL(20,4),
    "total_discounts" DECIMAL(20,4),
    "total_shipping" DECIMAL(20,4),
    "total_refunded" DECIMAL(20,4),
    "current_total_price" DECIMAL(20,4),
    "financial_status" TEXT,
    "fulfillment_status" TEXT,
    "source_name" TEXT,
    "test" BOOLEAN,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "note_attributes" JSONB,
    "billing_address" JSONB,
    "shipping_address" JSONB,
    "discount_codes" JSONB,
    "discount_applications" JSONB,
    "shipping_lines" JSONB,
    "tax_lines" JSONB,
    "metafields" JSONB,
    "processed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_line_items" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "order_id" BIGINT,
    "order_shopify_id" BIGINT,
    "product_shopify_id" BIGINT,
    "variant_shopify_id" BIGINT,
    "sku" TEXT,
    "title" TEXT,
    "variant_title" TEXT,
    "vendor" TEXT,
    "quantity" INTEGER,
    "current_quantity" INTEGER,
    "fulfillable_quantity" INTEGER,
    "fulfillment_status" TEXT,
    "price" DECIMAL(20,4),
    "total_discount" DECIMAL(20,4),
    "currency" TEXT,
    "requires_shipping" BOOLEAN,
    "taxable" BOOLEAN,
    "gift_card" BOOLEAN,
    "tax_lines" JSONB,
    "discount_allocations" JSONB,
    "properties" JSONB,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "order_line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "order_id" BIGINT,
    "order_shopify_id" BIGINT,
    "note" TEXT,
    "total_refunded" DECIMAL(20,4),
    "currency" TEXT,
    "transactions" JSONB,
    "order_adjustments" JSONB,
    "processed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund_line_items" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "shopify_id" BIGINT NOT NULL,
    "refund_id" BIGINT,
    "refund_shopify_id" BIGINT,
    "line_item_shopify_id" BIGINT,
    "location_id" BIGINT,
    "quantity" INTEGER,
    "restock_type" TEXT,
    "subtotal" DECIMAL(20,4),
    "total_tax" DECIMAL(20,4),
    "currency" TEXT,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "refund_line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "carts" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "token" TEXT NOT NULL,
    "currency" TEXT,
    "total_price" DECIMAL(20,4),
    "item_count" INTEGER,
    "line_items" JSONB,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" JSONB,

    CONSTRAINT "carts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT,
    "shop_domain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhook_id" TEXT NOT NULL,
    "event_id" TEXT,
    "api_version" TEXT,
    "triggered_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headers" JSONB,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "cursor" TEXT,
    "bulk_operation_id" TEXT,
    "object_count" BIGINT,
    "rows_written" BIGINT NOT NULL DEFAULT 0,
    "rows_repaired" BIGINT NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "note" TEXT,
    "window_start" TIMESTAMPTZ(3),
    "window_end" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_data_requests" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" BIGINT NOT NULL,
    "customer_shopify_id" BIGINT,
    "email" TEXT,
    "orders_requested" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "request_payload" JSONB NOT NULL,
    "assembled_data" JSONB,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fulfilled_at" TIMESTAMPTZ(3),

    CONSTRAINT "customer_data_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "shops_shopify_id_key" ON "shops"("shopify_id");

-- CreateIndex
CREATE UNIQUE INDEX "shops_domain_key" ON "shops"("domain");

-- CreateIndex
CREATE INDEX "sessions_shop_idx" ON "sessions"("shop");

-- CreateIndex
CREATE INDEX "products_shop_id_updated_at_idx" ON "products"("shop_id", "updated_at");

-- CreateIndex
CREATE INDEX "products_shop_id_vendor_idx" ON "products"("shop_id", "vendor");

-- CreateIndex
CREATE INDEX "products_shop_id_status_idx" ON "products"("shop_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "products_shop_id_shopify_id_key" ON "products"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "product_variants_product_id_idx" ON "product_variants"("product_id");

-- CreateIndex
CREATE INDEX "product_variants_shop_id_product_shopify_id_idx" ON "product_variants"("shop_id", "product_shopify_id");

-- CreateIndex
CREATE INDEX "product_variants_shop_id_sku_idx" ON "product_variants"("shop_id", "sku");

-- CreateIndex
CREATE INDEX "product_variants_shop_id_inventory_item_id_idx" ON "product_variants"("shop_id", "inventory_item_id");

-- CreateIndex
CREATE INDEX "product_variants_shop_id_inventory_quantity_idx" ON "product_variants"("shop_id", "inventory_quantity");

-- CreateIndex
CREATE UNIQUE INDEX "product_variants_shop_id_shopify_id_key" ON "product_variants"("shop_id", "shopify_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_items_shop_id_shopify_id_key" ON "inventory_items"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "inventory_levels_shop_id_location_id_idx" ON "inventory_levels"("shop_id", "location_id");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_levels_shop_id_inventory_item_id_location_id_key" ON "inventory_levels"("shop_id", "inventory_item_id", "location_id");

-- CreateIndex
CREATE UNIQUE INDEX "locations_shop_id_shopify_id_key" ON "locations"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "customers_shop_id_email_idx" ON "customers"("shop_id", "email");

-- CreateIndex
CREATE INDEX "customers_shop_id_created_at_idx" ON "customers"("shop_id", "created_at");

-- CreateIndex
CREATE INDEX "customers_shop_id_updated_at_idx" ON "customers"("shop_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "customers_shop_id_shopify_id_key" ON "customers"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "orders_shop_id_processed_at_idx" ON "orders"("shop_id", "processed_at");

-- CreateIndex
CREATE INDEX "orders_shop_id_created_at_idx" ON "orders"("shop_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_shop_id_updated_at_idx" ON "orders"("shop_id", "updated_at");

-- CreateIndex
CREATE INDEX "orders_shop_id_customer_shopify_id_idx" ON "orders"("shop_id", "customer_shopify_id");

-- CreateIndex
CREATE INDEX "orders_customer_id_idx" ON "orders"("customer_id");

-- CreateIndex
CREATE INDEX "orders_shop_id_financial_status_idx" ON "orders"("shop_id", "financial_status");

-- CreateIndex
CREATE INDEX "orders_shop_id_fulfillment_status_idx" ON "orders"("shop_id", "fulfillment_status");

-- CreateIndex
CREATE INDEX "orders_shop_id_email_idx" ON "orders"("shop_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "orders_shop_id_shopify_id_key" ON "orders"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "order_line_items_order_id_idx" ON "order_line_items"("order_id");

-- CreateIndex
CREATE INDEX "order_line_items_shop_id_order_shopify_id_idx" ON "order_line_items"("shop_id", "order_shopify_id");

-- CreateIndex
CREATE INDEX "order_line_items_shop_id_product_shopify_id_idx" ON "order_line_items"("shop_id", "product_shopify_id");

-- CreateIndex
CREATE INDEX "order_line_items_shop_id_variant_shopify_id_idx" ON "order_line_items"("shop_id", "variant_shopify_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_line_items_shop_id_shopify_id_key" ON "order_line_items"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "refunds_order_id_idx" ON "refunds"("order_id");

-- CreateIndex
CREATE INDEX "refunds_shop_id_order_shopify_id_idx" ON "refunds"("shop_id", "order_shopify_id");

-- CreateIndex
CREATE INDEX "refunds_shop_id_processed_at_idx" ON "refunds"("shop_id", "processed_at");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_shop_id_shopify_id_key" ON "refunds"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "refund_line_items_refund_id_idx" ON "refund_line_items"("refund_id");

-- CreateIndex
CREATE INDEX "refund_line_items_shop_id_refund_shopify_id_idx" ON "refund_line_items"("shop_id", "refund_shopify_id");

-- CreateIndex
CREATE INDEX "refund_line_items_shop_id_line_item_shopify_id_idx" ON "refund_line_items"("shop_id", "line_item_shopify_id");

-- CreateIndex
CREATE UNIQUE INDEX "refund_line_items_shop_id_shopify_id_key" ON "refund_line_items"("shop_id", "shopify_id");

-- CreateIndex
CREATE INDEX "carts_shop_id_updated_at_idx" ON "carts"("shop_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "carts_shop_id_token_key" ON "carts"("shop_id", "token");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_webhook_id_key" ON "webhook_events"("webhook_id");

-- CreateIndex
CREATE INDEX "webhook_events_shop_id_received_at_idx" ON "webhook_events"("shop_id", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_shop_id_status_idx" ON "webhook_events"("shop_id", "status");

-- CreateIndex
CREATE INDEX "webhook_events_shop_id_topic_received_at_idx" ON "webhook_events"("shop_id", "topic", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_status_received_at_idx" ON "webhook_events"("status", "received_at");

-- CreateIndex
CREATE INDEX "sync_runs_shop_id_resource_created_at_idx" ON "sync_runs"("shop_id", "resource", "created_at");

-- CreateIndex
CREATE INDEX "sync_runs_shop_id_status_idx" ON "sync_runs"("shop_id", "status");

-- CreateIndex
CREATE INDEX "customer_data_requests_shop_id_requested_at_idx" ON "customer_data_requests"("shop_id", "requested_at");

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_line_items" ADD CONSTRAINT "order_line_items_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_line_items" ADD CONSTRAINT "order_line_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund_line_items" ADD CONSTRAINT "refund_line_items_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund_line_items" ADD CONSTRAINT "refund_line_items_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "carts" ADD CONSTRAINT "carts_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_data_requests" ADD CONSTRAINT "customer_data_requests_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

