-- CreateTable
CREATE TABLE "SendRate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nextSlotAt" REAL NOT NULL DEFAULT 0,
    "pausedUntil" REAL NOT NULL DEFAULT 0
);

