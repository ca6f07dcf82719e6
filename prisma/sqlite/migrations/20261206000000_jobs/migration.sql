-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN "inactiveAt" DATETIME;

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "conversationId" TEXT,
    "state" TEXT NOT NULL,
    "activityId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Delivery_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Job" ("attempts", "createdAt", "dedupeKey", "dueAt", "id", "kind", "lastError", "payload", "updatedAt") SELECT "attempts", "createdAt", "dedupeKey", "dueAt", "id", "kind", "lastError", "payload", "updatedAt" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");
CREATE INDEX "Job_state_dueAt_idx" ON "Job"("state", "dueAt");
CREATE INDEX "Job_kind_idx" ON "Job"("kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Delivery_state_idx" ON "Delivery"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_jobId_recipientKey_key" ON "Delivery"("jobId", "recipientKey");

