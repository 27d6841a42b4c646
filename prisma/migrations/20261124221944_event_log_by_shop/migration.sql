-- CreateIndex
CREATE INDEX "webhook_events_shop_id_id_idx" ON "webhook_events"("shop_id", "id");

