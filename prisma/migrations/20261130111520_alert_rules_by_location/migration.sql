-- AlterTable
ALTER TABLE "alert_rules" ADD COLUMN     "location_shopify_id" BIGINT;

