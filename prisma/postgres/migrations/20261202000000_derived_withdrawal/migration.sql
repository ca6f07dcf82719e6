-- AlterTable
ALTER TABLE "Offer" DROP COLUMN "withdrawnAt";

