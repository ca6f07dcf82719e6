-- CreateTable
CREATE TABLE "Kickoff" (
    "id" TEXT NOT NULL,
    "dossierId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'requested',
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestDay" TEXT NOT NULL,
    "prerequisites" TEXT NOT NULL DEFAULT '{}',
    "participants" TEXT NOT NULL DEFAULT '[]',
    "supplierName" TEXT NOT NULL,
    "partnerName" TEXT,
    "offerName" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "mode" TEXT,
    "eventId" TEXT,
    "iCalUId" TEXT,
    "joinUrl" TEXT,
    "scheduledById" TEXT,
    "scheduledByName" TEXT,
    "scheduledAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelledByName" TEXT,
    "cancelComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Kickoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KickoffStep" (
    "id" TEXT NOT NULL,
    "kickoffId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,

    CONSTRAINT "KickoffStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KickoffCard" (
    "id" TEXT NOT NULL,
    "kickoffId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KickoffCard_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Kickoff" ADD CONSTRAINT "Kickoff_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KickoffStep" ADD CONSTRAINT "KickoffStep_kickoffId_fkey" FOREIGN KEY ("kickoffId") REFERENCES "Kickoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KickoffCard" ADD CONSTRAINT "KickoffCard_kickoffId_fkey" FOREIGN KEY ("kickoffId") REFERENCES "Kickoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

