-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "current_shipping" DECIMAL(20,4),
ADD COLUMN     "current_total_duties" DECIMAL(20,4),
ADD COLUMN     "tax_exempt" BOOLEAN;

