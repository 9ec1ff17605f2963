-- A 简报 carries pictures and Word/PDF files as its evidence; after filing, its author's files go to it for a while.
CREATE TABLE "BriefingAttachment" (
    "id" SERIAL NOT NULL,
    "briefingId" INTEGER NOT NULL,
    "fileId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "platform" "Platform" NOT NULL,
    "platformMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "BriefingAttachment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "BriefingAttachWindow" (
    "id" SERIAL NOT NULL,
    "briefingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BriefingAttachWindow_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "BriefingAttachment_briefingId_fileId_key" ON "BriefingAttachment"("briefingId", "fileId");
CREATE INDEX "BriefingAttachment_uploaderId_createdAt_idx" ON "BriefingAttachment"("uploaderId", "createdAt");
CREATE INDEX "BriefingAttachWindow_platform_chatId_memberId_idx" ON "BriefingAttachWindow"("platform", "chatId", "memberId");

ALTER TABLE "BriefingAttachment" ADD CONSTRAINT "BriefingAttachment_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BriefingAttachment" ADD CONSTRAINT "BriefingAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BriefingAttachment" ADD CONSTRAINT "BriefingAttachment_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BriefingAttachWindow" ADD CONSTRAINT "BriefingAttachWindow_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "Briefing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
