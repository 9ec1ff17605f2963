-- CreateTable: years whose star rating the 组织办 has finalised (domain.md §3, provisional vs final).
CREATE TABLE "StarYear" (
    "year" INTEGER NOT NULL,
    "finalizedAt" TIMESTAMP(3) NOT NULL,
    "finalizedById" INTEGER,

    CONSTRAINT "StarYear_pkey" PRIMARY KEY ("year")
);

-- A /项目 登记 is applied once even when its job runs again; repeats by the same person are found by creator and time.
ALTER TABLE "ProgrammeEntry" ADD COLUMN "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "ProgrammeEntry_idempotencyKey_key" ON "ProgrammeEntry"("idempotencyKey");
CREATE INDEX "ProgrammeEntry_createdById_createdAt_idx" ON "ProgrammeEntry"("createdById", "createdAt");
