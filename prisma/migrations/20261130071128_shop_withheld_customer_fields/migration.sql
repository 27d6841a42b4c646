-- AlterTable
ALTER TABLE "shops" ADD COLUMN     "withheld_customer_fields" JSONB;

