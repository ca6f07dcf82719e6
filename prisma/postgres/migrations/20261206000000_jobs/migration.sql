-- DropIndex
DROP INDEX "Job_status_dueAt_idx";

-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN     "inactiveAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Job" DROP COLUMN "claimedAt",
DROP COLUMN "claimedBy",
DROP COLUMN "status",
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'pending',
ALTER COLUMN "dedupeKey" SET NOT NULL;

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "conversationId" TEXT,
    "state" TEXT NOT NULL,
    "activityId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Delivery_state_idx" ON "Delivery"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_jobId_recipientKey_key" ON "Delivery"("jobId", "recipientKey");

-- CreateIndex
CREATE INDEX "Job_state_dueAt_idx" ON "Job"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Job_kind_idx" ON "Job"("kind");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

