-- CreateTable
CREATE TABLE "Kickoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dossierId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'requested',
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestDay" TEXT NOT NULL,
    "prerequisites" TEXT NOT NULL DEFAULT '{}',
    "participants" TEXT NOT NULL DEFAULT '[]',
    "supplierName" TEXT NOT NULL,
    "partnerName" TEXT,
    "offerName" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "mode" TEXT,
    "eventId" TEXT,
    "iCalUId" TEXT,
    "joinUrl" TEXT,
    "scheduledById" TEXT,
    "scheduledByName" TEXT,
    "scheduledAt" DATETIME,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "lastError" TEXT,
    "cancelledAt" DATETIME,
    "cancelledByName" TEXT,
    "cancelComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Kickoff_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KickoffStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kickoffId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "doneAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    CONSTRAINT "KickoffStep_kickoffId_fkey" FOREIGN KEY ("kickoffId") REFERENCES "Kickoff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KickoffCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kickoffId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KickoffCard_kickoffId_fkey" FOREIGN KEY ("kickoffId") REFERENCES "Kickoff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Kickoff_dossierId_key" ON "Kickoff"("dossierId");

-- CreateIndex
CREATE INDEX "Kickoff_state_startsAt_idx" ON "Kickoff"("state", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "KickoffStep_kickoffId_step_key" ON "KickoffStep"("kickoffId", "step");

-- CreateIndex
CREATE INDEX "KickoffCard_kickoffId_idx" ON "KickoffCard"("kickoffId");

-- CreateIndex
CREATE UNIQUE INDEX "KickoffCard_conversationId_activityId_key" ON "KickoffCard"("conversationId", "activityId");

