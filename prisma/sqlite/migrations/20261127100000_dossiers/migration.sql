-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN "welcomedAt" DATETIME;

-- CreateTable
CREATE TABLE "Dossier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "createdBy" TEXT NOT NULL,
    "needs" TEXT NOT NULL DEFAULT '{}',
    "exclusions" TEXT NOT NULL DEFAULT '[]',
    "choiceScenarioId" TEXT,
    "choicePriceVersion" TEXT,
    "choiceTotalCents" BIGINT,
    "lowestTotalCents" BIGINT,
    "justification" TEXT,
    "authorizationStatus" TEXT,
    "authorizationDate" TEXT,
    "authorizationSignatory" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Dossier_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Dossier_organizationId_idx" ON "Dossier"("organizationId");

