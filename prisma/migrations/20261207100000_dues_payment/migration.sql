-- 党费: monthly dues per member (/党费 登记).
CREATE TABLE "DuesPayment" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuesPayment_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "DuesPayment_memberId_year_month_key" ON "DuesPayment"("memberId", "year", "month");
CREATE INDEX "DuesPayment_organizationId_year_idx" ON "DuesPayment"("organizationId", "year");

ALTER TABLE "DuesPayment" ADD CONSTRAINT "DuesPayment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DuesPayment" ADD CONSTRAINT "DuesPayment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DuesPayment" ADD CONSTRAINT "DuesPayment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
