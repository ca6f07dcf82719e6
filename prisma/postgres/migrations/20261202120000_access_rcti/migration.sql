-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN     "rctiBefore" BOOLEAN,
ADD COLUMN     "rctiDecision" TEXT;

