-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KickoffCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kickoffId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT 'staff',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KickoffCard_kickoffId_fkey" FOREIGN KEY ("kickoffId") REFERENCES "Kickoff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_KickoffCard" ("activityId", "conversationId", "createdAt", "id", "kickoffId") SELECT "activityId", "conversationId", "createdAt", "id", "kickoffId" FROM "KickoffCard";
DROP TABLE "KickoffCard";
ALTER TABLE "new_KickoffCard" RENAME TO "KickoffCard";
CREATE INDEX "KickoffCard_kickoffId_idx" ON "KickoffCard"("kickoffId");
CREATE UNIQUE INDEX "KickoffCard_conversationId_activityId_key" ON "KickoffCard"("conversationId", "activityId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

