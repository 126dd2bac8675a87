-- CreateEnum
CREATE TYPE "HelpStatus" AS ENUM ('open', 'waiting', 'closed');

-- CreateEnum
CREATE TYPE "HelpLevel" AS ENUM ('mentor', 'trainer', 'staff');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'trainer';

-- AlterTable
ALTER TABLE "InviteCode" ADD COLUMN     "hubId" TEXT;

-- AlterTable
ALTER TABLE "MediaFile" ALTER COLUMN "channel" DROP NOT NULL;

-- AlterTable
ALTER TABLE "SessionVenue" ADD COLUMN     "rosterSentAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "TrainerHub" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "hubId" TEXT NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainerHub_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpConversation" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "hubId" TEXT,
    "status" "HelpStatus" NOT NULL DEFAULT 'open',
    "level" "HelpLevel" NOT NULL,
    "assigneeId" TEXT,
    "waitingSince" TIMESTAMPTZ(3),
    "escalateAt" TIMESTAMPTZ(3),
    "firstAnsweredAt" TIMESTAMPTZ(3),
    "lastMessageAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "startedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HelpConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpMessage" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "authorId" TEXT,
    "fromPerson" BOOLEAN NOT NULL,
    "text" TEXT,
    "mediaFileId" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HelpMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainerHub_hubId_idx" ON "TrainerHub"("hubId");

-- CreateIndex
CREATE INDEX "TrainerHub_personId_idx" ON "TrainerHub"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainerHub_cohortId_personId_hubId_key" ON "TrainerHub"("cohortId", "personId", "hubId");

-- CreateIndex
CREATE INDEX "HelpConversation_personId_status_idx" ON "HelpConversation"("personId", "status");

-- CreateIndex
CREATE INDEX "HelpConversation_cohortId_status_idx" ON "HelpConversation"("cohortId", "status");

-- CreateIndex
CREATE INDEX "HelpConversation_escalateAt_idx" ON "HelpConversation"("escalateAt");

-- CreateIndex
CREATE INDEX "HelpMessage_conversationId_sentAt_idx" ON "HelpMessage"("conversationId", "sentAt");

-- CreateIndex
CREATE INDEX "HelpMessage_authorId_idx" ON "HelpMessage"("authorId");

-- AddForeignKey
ALTER TABLE "InviteCode" ADD CONSTRAINT "InviteCode_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainerHub" ADD CONSTRAINT "TrainerHub_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainerHub" ADD CONSTRAINT "TrainerHub_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainerHub" ADD CONSTRAINT "TrainerHub_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpConversation" ADD CONSTRAINT "HelpConversation_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpConversation" ADD CONSTRAINT "HelpConversation_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpConversation" ADD CONSTRAINT "HelpConversation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpConversation" ADD CONSTRAINT "HelpConversation_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpConversation" ADD CONSTRAINT "HelpConversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpMessage" ADD CONSTRAINT "HelpMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "HelpConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpMessage" ADD CONSTRAINT "HelpMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpMessage" ADD CONSTRAINT "HelpMessage_mediaFileId_fkey" FOREIGN KEY ("mediaFileId") REFERENCES "MediaFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;
