-- CreateEnum
CREATE TYPE "OrgLevel" AS ENUM ('PARTY_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'PARTY_GROUP');

-- CreateEnum
CREATE TYPE "OrgDomain" AS ENUM ('VILLAGE', 'ORGAN', 'NEW_TWO');

-- CreateEnum
CREATE TYPE "MemberStatus" AS ENUM ('NORMAL', 'FLOATING', 'TRANSFERRED_OUT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('SECRETARY', 'ORG_COMMITTEE', 'LIAISON', 'MEMBER', 'GROUP_LEADER', 'VILLAGE_CADRE', 'INSTRUCTOR', 'LEADING_GROUP', 'ADMIN', 'ASSESSOR');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('SANDBOX', 'LARK', 'WECHAT', 'QQ');

-- CreateEnum
CREATE TYPE "GroupPurpose" AS ENUM ('BRANCH', 'LIAISON', 'LEADING_GROUP');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('PARTY_CONGRESS', 'COMMITTEE_MEETING', 'GROUP_MEETING', 'PARTY_LESSON', 'THEME_DAY', 'LIFE_MEETING', 'DEMOCRATIC_REVIEW', 'HEART_TALK', 'TRAINING');

-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('ACTIVE', 'REPLACED');

-- CreateEnum
CREATE TYPE "BriefingKind" AS ENUM ('BRIEFING', 'REFLECTION');

-- CreateEnum
CREATE TYPE "BriefingStatus" AS ENUM ('SUBMITTED', 'ADOPTED', 'RETURNED');

-- CreateEnum
CREATE TYPE "PointCategory" AS ENUM ('ATTENDANCE', 'VOLUNTEER', 'STUDY', 'DEDUCTION', 'OTHER');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('SELF', 'TEAM', 'SPOT_CHECK', 'CROSS_CHECK');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'FINAL');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('SUBMIT_PLAN', 'PROBLEM_LEDGER', 'HOLD_ACTIVITY', 'REPORT_TABLE', 'OTHER');

-- CreateEnum
CREATE TYPE "TaskScope" AS ENUM ('ORGANIZATION', 'DOMAIN', 'ALL_BRANCHES');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "level" "OrgLevel" NOT NULL,
    "domain" "OrgDomain" NOT NULL,
    "parentId" INTEGER,
    "district" TEXT,
    "themeDay" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "phoneLast4" TEXT,
    "organizationId" INTEGER NOT NULL,
    "status" "MemberStatus" NOT NULL DEFAULT 'NORMAL',
    "ratingExempt" BOOLEAN NOT NULL DEFAULT false,
    "exemptReason" TEXT,
    "isCadre" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberRole" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "role" "Role" NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "memberId" INTEGER NOT NULL,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "name" TEXT,
    "organizationId" INTEGER,
    "purpose" "GroupPurpose",
    "boundById" INTEGER,
    "boundAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundDelivery" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "platformMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboundDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingAction" (
    "id" SERIAL NOT NULL,
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" "ActivityType" NOT NULL,
    "heldOn" DATE NOT NULL,
    "topic" TEXT NOT NULL,
    "expectedCount" INTEGER,
    "presentCount" INTEGER,
    "hours" DOUBLE PRECISION,
    "summary" TEXT,
    "status" "RecordStatus" NOT NULL DEFAULT 'ACTIVE',
    "replacedById" INTEGER,
    "recordedById" INTEGER,
    "groupId" INTEGER,
    "programmeCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityAttendee" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "hours" DOUBLE PRECISION,

    CONSTRAINT "ActivityAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Briefing" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "kind" "BriefingKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    "status" "BriefingStatus" NOT NULL DEFAULT 'SUBMITTED',
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "returnReason" TEXT,
    "activityId" INTEGER,
    "sourcePlatform" "Platform",
    "sourceChatId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Briefing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" SERIAL NOT NULL,
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TracePhoto" (
    "id" SERIAL NOT NULL,
    "fileId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "activityId" INTEGER,
    "groupId" INTEGER,
    "caption" TEXT,
    "platform" "Platform" NOT NULL,
    "platformMessageId" TEXT,
    "takenOn" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TracePhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointRule" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "PointCategory" NOT NULL,
    "activityType" "ActivityType",
    "points" DOUBLE PRECISION NOT NULL,
    "yearlyCap" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointEntry" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "ruleId" INTEGER,
    "points" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" INTEGER,
    "idempotencyKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberStar" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "stars" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberStar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BranchStar" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "stars" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BranchStar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoringStandard" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" "OrgDomain" NOT NULL,
    "version" TEXT NOT NULL DEFAULT '1',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoringStandard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandardCategory" (
    "id" SERIAL NOT NULL,
    "standardId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "maxPoints" DOUBLE PRECISION NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "StandardCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandardItem" (
    "id" SERIAL NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "maxPoints" DOUBLE PRECISION NOT NULL,
    "criterion" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "autoRule" TEXT,
    "placeholder" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "StandardItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "standardId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "totalScore" DOUBLE PRECISION,
    "grade" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalizedAt" TIMESTAMP(3),

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" SERIAL NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION,
    "proposedScore" DOUBLE PRECISION,
    "evidence" JSONB,
    "deductions" JSONB,
    "overrideReason" TEXT,
    "scoredById" INTEGER,
    "scoredAt" TIMESTAMP(3),

    CONSTRAINT "AssessmentScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemEntry" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "problem" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "responsible" TEXT NOT NULL,
    "status" "ProblemStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,
    "closingActivityId" INTEGER,
    "closingPhotoId" INTEGER,
    "closingNote" TEXT,

    CONSTRAINT "ProblemEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemProgress" (
    "id" SERIAL NOT NULL,
    "problemId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "authorId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "scope" "TaskScope" NOT NULL,
    "organizationId" INTEGER,
    "domain" "OrgDomain",
    "activityType" "ActivityType",
    "deadline" TIMESTAMP(3) NOT NULL,
    "planName" TEXT,
    "phase" TEXT,
    "cadenceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskAssignment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "closedByActivityId" INTEGER,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" INTEGER,

    CONSTRAINT "TaskAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushLog" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target" INTEGER NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '个',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeEntry" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "organizationId" INTEGER,
    "amount" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT,
    "activityId" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "detail" JSONB,
    "platform" "Platform",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_key" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- CreateIndex
CREATE INDEX "Organization_domain_level_idx" ON "Organization"("domain", "level");

-- CreateIndex
CREATE UNIQUE INDEX "Member_phone_key" ON "Member"("phone");

-- CreateIndex
CREATE INDEX "Member_organizationId_idx" ON "Member"("organizationId");

-- CreateIndex
CREATE INDEX "Member_name_idx" ON "Member"("name");

-- CreateIndex
CREATE INDEX "MemberRole_organizationId_role_idx" ON "MemberRole"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "MemberRole_memberId_organizationId_role_key" ON "MemberRole"("memberId", "organizationId", "role");

-- CreateIndex
CREATE INDEX "ChatIdentity_memberId_idx" ON "ChatIdentity"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_platformUserId_key" ON "ChatIdentity"("platform", "platformUserId");

-- CreateIndex
CREATE INDEX "ChatGroup_organizationId_purpose_idx" ON "ChatGroup"("organizationId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_platform_chatId_key" ON "ChatGroup"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_platform_eventId_key" ON "InboundEvent"("platform", "eventId");

-- CreateIndex
CREATE INDEX "OutboundDelivery_platform_chatId_createdAt_idx" ON "OutboundDelivery"("platform", "chatId", "createdAt");

-- CreateIndex
CREATE INDEX "PendingAction_platform_chatId_memberId_idx" ON "PendingAction"("platform", "chatId", "memberId");

-- CreateIndex
CREATE INDEX "Activity_organizationId_type_heldOn_idx" ON "Activity"("organizationId", "type", "heldOn");

-- CreateIndex
CREATE INDEX "Activity_heldOn_idx" ON "Activity"("heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_organizationId_year_seq_key" ON "Activity"("organizationId", "year", "seq");

-- CreateIndex
CREATE INDEX "ActivityAttendee_memberId_idx" ON "ActivityAttendee"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityAttendee_activityId_memberId_key" ON "ActivityAttendee"("activityId", "memberId");

-- CreateIndex
CREATE INDEX "Briefing_status_reviewedAt_idx" ON "Briefing"("status", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Briefing_organizationId_kind_year_seq_key" ON "Briefing"("organizationId", "kind", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_sha256_key" ON "StoredFile"("sha256");

-- CreateIndex
CREATE INDEX "TracePhoto_organizationId_createdAt_idx" ON "TracePhoto"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "TracePhoto_activityId_idx" ON "TracePhoto"("activityId");

-- CreateIndex
CREATE UNIQUE INDEX "TracePhoto_organizationId_fileId_key" ON "TracePhoto"("organizationId", "fileId");

-- CreateIndex
CREATE UNIQUE INDEX "PointRule_code_key" ON "PointRule"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PointEntry_idempotencyKey_key" ON "PointEntry"("idempotencyKey");

-- CreateIndex
CREATE INDEX "PointEntry_memberId_year_idx" ON "PointEntry"("memberId", "year");

-- CreateIndex
CREATE INDEX "PointEntry_organizationId_year_idx" ON "PointEntry"("organizationId", "year");

-- CreateIndex
CREATE INDEX "PointEntry_sourceType_sourceId_idx" ON "PointEntry"("sourceType", "sourceId");

-- CreateIndex
CREATE INDEX "MemberStar_organizationId_year_idx" ON "MemberStar"("organizationId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "MemberStar_memberId_year_key" ON "MemberStar"("memberId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "BranchStar_organizationId_year_key" ON "BranchStar"("organizationId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ScoringStandard_code_key" ON "ScoringStandard"("code");

-- CreateIndex
CREATE UNIQUE INDEX "StandardCategory_standardId_name_key" ON "StandardCategory"("standardId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "StandardItem_categoryId_code_key" ON "StandardItem"("categoryId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_organizationId_standardId_period_kind_key" ON "Assessment"("organizationId", "standardId", "period", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_assessmentId_itemId_key" ON "AssessmentScore"("assessmentId", "itemId");

-- CreateIndex
CREATE INDEX "ProblemEntry_status_deadline_idx" ON "ProblemEntry"("status", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemEntry_organizationId_year_seq_key" ON "ProblemEntry"("organizationId", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Task_cadenceKey_key" ON "Task"("cadenceKey");

-- CreateIndex
CREATE INDEX "Task_deadline_idx" ON "Task"("deadline");

-- CreateIndex
CREATE INDEX "TaskAssignment_organizationId_status_idx" ON "TaskAssignment"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TaskAssignment_taskId_organizationId_key" ON "TaskAssignment"("taskId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PushLog_key_key" ON "PushLog"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_code_key" ON "Programme"("code");

-- CreateIndex
CREATE INDEX "ProgrammeEntry_programmeId_idx" ON "ProgrammeEntry"("programmeId");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRole" ADD CONSTRAINT "MemberRole_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRole" ADD CONSTRAINT "MemberRole_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAttendee" ADD CONSTRAINT "ActivityAttendee_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAttendee" ADD CONSTRAINT "ActivityAttendee_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Briefing" ADD CONSTRAINT "Briefing_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracePhoto" ADD CONSTRAINT "TracePhoto_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracePhoto" ADD CONSTRAINT "TracePhoto_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracePhoto" ADD CONSTRAINT "TracePhoto_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracePhoto" ADD CONSTRAINT "TracePhoto_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TracePhoto" ADD CONSTRAINT "TracePhoto_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointEntry" ADD CONSTRAINT "PointEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointEntry" ADD CONSTRAINT "PointEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointEntry" ADD CONSTRAINT "PointEntry_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "PointRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointEntry" ADD CONSTRAINT "PointEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberStar" ADD CONSTRAINT "MemberStar_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberStar" ADD CONSTRAINT "MemberStar_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BranchStar" ADD CONSTRAINT "BranchStar_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandardCategory" ADD CONSTRAINT "StandardCategory_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "ScoringStandard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandardItem" ADD CONSTRAINT "StandardItem_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "StandardCategory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "ScoringStandard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentScore" ADD CONSTRAINT "AssessmentScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "StandardItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemEntry" ADD CONSTRAINT "ProblemEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemEntry" ADD CONSTRAINT "ProblemEntry_closingActivityId_fkey" FOREIGN KEY ("closingActivityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemEntry" ADD CONSTRAINT "ProblemEntry_closingPhotoId_fkey" FOREIGN KEY ("closingPhotoId") REFERENCES "TracePhoto"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemProgress" ADD CONSTRAINT "ProblemProgress_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "ProblemEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemProgress" ADD CONSTRAINT "ProblemProgress_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_closedByActivityId_fkey" FOREIGN KEY ("closedByActivityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeEntry" ADD CONSTRAINT "ProgrammeEntry_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeEntry" ADD CONSTRAINT "ProgrammeEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeEntry" ADD CONSTRAINT "ProgrammeEntry_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
