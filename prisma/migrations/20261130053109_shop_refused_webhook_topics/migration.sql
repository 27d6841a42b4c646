-- AlterTable
ALTER TABLE "shops" ADD COLUMN     "refused_webhook_topics" JSONB;

