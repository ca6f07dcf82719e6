-- AlterTable
ALTER TABLE "KickoffCard" ADD COLUMN     "locale" TEXT;

