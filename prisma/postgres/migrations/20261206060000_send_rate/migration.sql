-- CreateTable
CREATE TABLE "SendRate" (
    "key" TEXT NOT NULL,
    "nextSlotAt" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "pausedUntil" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "SendRate_pkey" PRIMARY KEY ("key")
);

