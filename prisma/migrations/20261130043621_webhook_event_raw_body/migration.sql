-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "raw_body" TEXT;

