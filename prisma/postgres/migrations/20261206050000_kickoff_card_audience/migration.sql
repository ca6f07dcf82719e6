-- AlterTable
ALTER TABLE "KickoffCard" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'staff';

