-- 民主评议党员: the outcome per member per year (/评议结果).
CREATE TABLE "ReviewOutcome" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewOutcome_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ReviewOutcome_memberId_year_key" ON "ReviewOutcome"("memberId", "year");
CREATE INDEX "ReviewOutcome_organizationId_year_idx" ON "ReviewOutcome"("organizationId", "year");

ALTER TABLE "ReviewOutcome" ADD CONSTRAINT "ReviewOutcome_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReviewOutcome" ADD CONSTRAINT "ReviewOutcome_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ReviewOutcome" ADD CONSTRAINT "ReviewOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
