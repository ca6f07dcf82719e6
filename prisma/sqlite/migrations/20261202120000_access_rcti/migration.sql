-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN "rctiBefore" BOOLEAN;
ALTER TABLE "AccessRequest" ADD COLUMN "rctiDecision" TEXT;

