-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "email" TEXT;

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "dossierId" TEXT,
    "supplierId" TEXT NOT NULL,
    "signedOn" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "initialMonths" INTEGER NOT NULL,
    "months" INTEGER NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "underRcti" BOOLEAN NOT NULL,
    "endEvaluationSignedOn" TEXT,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractOffer" (
    "contractId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,

    CONSTRAINT "ContractOffer_pkey" PRIMARY KEY ("contractId","offerId")
);

-- CreateTable
CREATE TABLE "ContractContact" (
    "contractId" TEXT NOT NULL,
    "aadObjectId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,

    CONSTRAINT "ContractContact_pkey" PRIMARY KEY ("contractId","aadObjectId")
);

-- CreateTable
CREATE TABLE "ContractAmendment" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "signedOn" TEXT NOT NULL,
    "monthsBefore" INTEGER NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "quantities" TEXT NOT NULL DEFAULT '',
    "byId" TEXT NOT NULL,
    "byName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractDeadline" (
    "id" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "remindOn" TEXT NOT NULL DEFAULT '[]',
    "dueOn" TEXT,
    "escalates" BOOLEAN NOT NULL DEFAULT false,
    "doneOn" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "doneByName" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContractDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contract_organizationId_idx" ON "Contract"("organizationId");

-- CreateIndex
CREATE INDEX "Contract_organizationId_supplierId_signedOn_idx" ON "Contract"("organizationId", "supplierId", "signedOn");

-- CreateIndex
CREATE INDEX "ContractOffer_offerId_idx" ON "ContractOffer"("offerId");

-- CreateIndex
CREATE INDEX "ContractContact_aadObjectId_idx" ON "ContractContact"("aadObjectId");

-- CreateIndex
CREATE INDEX "ContractAmendment_contractId_idx" ON "ContractAmendment"("contractId");

-- CreateIndex
CREATE INDEX "ContractDeadline_dueOn_idx" ON "ContractDeadline"("dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "ContractDeadline_contractId_key_key" ON "ContractDeadline"("contractId", "key");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractOffer" ADD CONSTRAINT "ContractOffer_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractOffer" ADD CONSTRAINT "ContractOffer_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractContact" ADD CONSTRAINT "ContractContact_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAmendment" ADD CONSTRAINT "ContractAmendment_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractDeadline" ADD CONSTRAINT "ContractDeadline_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

