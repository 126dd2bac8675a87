-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "catchUpDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "inviteCodeId" TEXT;

-- AlterTable
ALTER TABLE "InviteCode" ADD COLUMN     "personId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "dashboardLocale" TEXT;

-- CreateTable
CREATE TABLE "ProgrammeImport" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "via" TEXT NOT NULL,
    "importedById" TEXT,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "importedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProgrammeImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfflinePeriod" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "hubId" TEXT,
    "personId" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "moveDeadlines" BOOLEAN NOT NULL DEFAULT false,
    "via" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endedById" TEXT,

    CONSTRAINT "OfflinePeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgrammeImport_programmeId_importedAt_idx" ON "ProgrammeImport"("programmeId", "importedAt");

-- CreateIndex
CREATE INDEX "OfflinePeriod_cohortId_endedAt_idx" ON "OfflinePeriod"("cohortId", "endedAt");

-- CreateIndex
CREATE INDEX "OfflinePeriod_startedAt_startsAt_idx" ON "OfflinePeriod"("startedAt", "startsAt");

-- CreateIndex
CREATE INDEX "OfflinePeriod_endedAt_endsAt_idx" ON "OfflinePeriod"("endedAt", "endsAt");

-- CreateIndex
CREATE INDEX "Enrolment_catchUpDueAt_idx" ON "Enrolment"("catchUpDueAt");

-- CreateIndex
CREATE INDEX "Enrolment_inviteCodeId_idx" ON "Enrolment"("inviteCodeId");

-- CreateIndex
CREATE INDEX "InviteCode_cohortId_createdAt_idx" ON "InviteCode"("cohortId", "createdAt");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_inviteCodeId_fkey" FOREIGN KEY ("inviteCodeId") REFERENCES "InviteCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeImport" ADD CONSTRAINT "ProgrammeImport_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeImport" ADD CONSTRAINT "ProgrammeImport_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePeriod" ADD CONSTRAINT "OfflinePeriod_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePeriod" ADD CONSTRAINT "OfflinePeriod_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePeriod" ADD CONSTRAINT "OfflinePeriod_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePeriod" ADD CONSTRAINT "OfflinePeriod_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
