-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Offer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "supplierId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "entryActivities" TEXT NOT NULL DEFAULT '[]',
    "exitActivities" TEXT NOT NULL DEFAULT '[]',
    "trainingLanguages" TEXT NOT NULL DEFAULT '[]',
    "securityCharacteristics" TEXT NOT NULL DEFAULT '[]',
    "sustainabilityIndicators" TEXT NOT NULL DEFAULT '[]',
    "billingFrequency" TEXT NOT NULL,
    "minQuantity" INTEGER NOT NULL DEFAULT 0,
    "minDurationMonths" INTEGER NOT NULL DEFAULT 0,
    "quantityMayDecrease" BOOLEAN NOT NULL DEFAULT true,
    "billAllUsersFromSignature" BOOLEAN NOT NULL DEFAULT false,
    "yearlyEscalationBp" INTEGER NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Offer_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Offer" ("billAllUsersFromSignature", "billingFrequency", "category", "createdAt", "description", "entryActivities", "exitActivities", "id", "minDurationMonths", "minQuantity", "name", "quantityMayDecrease", "searchText", "securityCharacteristics", "status", "supplierId", "sustainabilityIndicators", "trainingLanguages", "updatedAt", "yearlyEscalationBp") SELECT "billAllUsersFromSignature", "billingFrequency", "category", "createdAt", "description", "entryActivities", "exitActivities", "id", "minDurationMonths", "minQuantity", "name", "quantityMayDecrease", "searchText", "securityCharacteristics", "status", "supplierId", "sustainabilityIndicators", "trainingLanguages", "updatedAt", "yearlyEscalationBp" FROM "Offer";
DROP TABLE "Offer";
ALTER TABLE "new_Offer" RENAME TO "Offer";
CREATE INDEX "Offer_category_idx" ON "Offer"("category");
CREATE INDEX "Offer_supplierId_idx" ON "Offer"("supplierId");
CREATE INDEX "Offer_name_idx" ON "Offer"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

