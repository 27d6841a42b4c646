-- CreateIndex
CREATE INDEX "orders_shop_id_customer_id_processed_at_idx" ON "orders"("shop_id", "customer_id", "processed_at");

