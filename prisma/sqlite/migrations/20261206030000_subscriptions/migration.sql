-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL DEFAULT 'prices',
    "teamId" TEXT,
    "organizationId" TEXT,
    "aadObjectId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'active',
    "createdBy" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedBy" TEXT,
    "endedByName" TEXT,
    "endedAt" DATETIME,
    "inactiveStatus" INTEGER,
    "inactiveAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TeamLink" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "linkedBy" TEXT NOT NULL,
    "linkedByName" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CatalogueChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_conversationId_key" ON "Subscription"("conversationId");

-- CreateIndex
CREATE INDEX "Subscription_state_idx" ON "Subscription"("state");

-- CreateIndex
CREATE INDEX "TeamLink_organizationId_idx" ON "TeamLink"("organizationId");

-- CreateIndex
CREATE INDEX "CatalogueChange_offerId_idx" ON "CatalogueChange"("offerId");

