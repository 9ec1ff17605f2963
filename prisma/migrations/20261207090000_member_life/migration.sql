-- Members' whole life in chat: 预备/正式, exemption by year, 流动党员, and ending a membership without deleting it.
ALTER TYPE "MemberStatus" ADD VALUE 'ENDED';

ALTER TABLE "Member"
  ADD COLUMN "probationary" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "exemptYear" INTEGER,
  ADD COLUMN "exemptApprover" TEXT,
  ADD COLUMN "floatingOut" TEXT,
  ADD COLUMN "floatingIn" TEXT,
  ADD COLUMN "floatingContact" TEXT,
  ADD COLUMN "endReason" TEXT,
  ADD COLUMN "endedOn" DATE;
