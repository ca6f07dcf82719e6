-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL DEFAULT 'prices',
    "teamId" TEXT,
    "organizationId" TEXT,
    "aadObjectId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'active',
    "createdBy" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedBy" TEXT,
    "endedByName" TEXT,
    "endedAt" TIMESTAMP(3),
    "inactiveStatus" INTEGER,
    "inactiveAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamLink" (
    "teamId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "linkedBy" TEXT NOT NULL,
    "linkedByName" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamLink_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "CatalogueChange" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_conversationId_key" ON "Subscription"("conversationId");

-- CreateIndex
CREATE INDEX "Subscription_state_idx" ON "Subscription"("state");

-- CreateIndex
CREATE INDEX "TeamLink_organizationId_idx" ON "TeamLink"("organizationId");

-- CreateIndex
CREATE INDEX "CatalogueChange_offerId_idx" ON "CatalogueChange"("offerId");

