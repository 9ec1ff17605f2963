-- Demo and real never mix; binding needs a one-time code (issue 11).

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

-- Databases seeded before this migration: the demo town is the tree under 青禾镇党委 whose 组织办 is the sandbox
-- persona sb-admin (seeded by src/app/demo/seedDemo.ts). Nothing else is marked.
WITH RECURSIVE demo_root AS (
    SELECT DISTINCT o.id FROM "Organization" o
    JOIN "Member" m ON m."organizationId" = o.id
    JOIN "ChatIdentity" ci ON ci."memberId" = m.id
    WHERE o.name = '青禾镇党委' AND o."parentId" IS NULL AND ci.platform = 'SANDBOX' AND ci."platformUserId" = 'sb-admin'
), tree AS (
    SELECT id FROM demo_root
    UNION
    SELECT o.id FROM "Organization" o JOIN tree t ON o."parentId" = t.id
)
UPDATE "Organization" SET "demo" = true WHERE id IN (SELECT id FROM tree);

-- CreateTable
CREATE TABLE "BindInvite" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "crossTree" BOOLEAN NOT NULL DEFAULT false,
    "issuedById" INTEGER,
    "issuedVia" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BindInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BindInvite_codeHash_key" ON "BindInvite"("codeHash");

-- CreateIndex
CREATE INDEX "BindInvite_memberId_idx" ON "BindInvite"("memberId");

-- AddForeignKey
ALTER TABLE "BindInvite" ADD CONSTRAINT "BindInvite_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
