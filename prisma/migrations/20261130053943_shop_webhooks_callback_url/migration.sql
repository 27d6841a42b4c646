-- AlterTable
ALTER TABLE "shops" ADD COLUMN     "webhooks_callback_url" TEXT;

