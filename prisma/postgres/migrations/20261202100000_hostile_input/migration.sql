-- Hostile and concurrent input: two instances never create twice what must exist once.
-- Partial unique indexes, written by hand (prisma/models.prisma cannot express them).
-- (No semicolon in these comments: the migration runner splits the script on them.)

-- Files made twice by a race before this index: the most recently edited draft stays a
-- draft, the others are cancelled (kept, never deleted: their answers stay readable).
UPDATE "Dossier" SET "state" = 'cancelled'
WHERE "state" = 'draft'
  AND EXISTS (
    SELECT 1 FROM "Dossier" AS newer
    WHERE newer."organizationId" = "Dossier"."organizationId"
      AND newer."state" = 'draft'
      AND (newer."updatedAt" > "Dossier"."updatedAt" OR (newer."updatedAt" = "Dossier"."updatedAt" AND newer."id" > "Dossier"."id"))
  );

-- At most one draft per organization.
CREATE UNIQUE INDEX "Dossier_one_draft_per_organization" ON "Dossier"("organizationId") WHERE "state" = 'draft';

-- Undecided duplicate access requests made by a race before this index: the first one
-- stays (staff saw it first), the later undecided copies carry no decision and go.
DELETE FROM "AccessRequest"
WHERE "status" = 'pending'
  AND EXISTS (
    SELECT 1 FROM "AccessRequest" AS older
    WHERE older."aadObjectId" = "AccessRequest"."aadObjectId"
      AND older."status" = 'pending'
      AND (older."createdAt" < "AccessRequest"."createdAt" OR (older."createdAt" = "AccessRequest"."createdAt" AND older."id" < "AccessRequest"."id"))
  );

-- At most one pending access request per user.
CREATE UNIQUE INDEX "AccessRequest_one_pending_per_user" ON "AccessRequest"("aadObjectId") WHERE "status" = 'pending';
