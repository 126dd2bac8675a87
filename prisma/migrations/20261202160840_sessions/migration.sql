-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('workshop', 'online', 'collective', 'closing', 'other');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('scheduled', 'cancelled');

-- CreateEnum
CREATE TYPE "RsvpAnswer" AS ENUM ('yes', 'maybe', 'no');

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "audience" JSONB NOT NULL,
    "rsvp" BOOLEAN NOT NULL DEFAULT true,
    "announceAt" TIMESTAMPTZ(3),
    "announcedAt" TIMESTAMPTZ(3),
    "reminderOffsets" INTEGER[],
    "attendanceModes" TEXT[],
    "feedback" BOOLEAN NOT NULL DEFAULT false,
    "status" "SessionStatus" NOT NULL DEFAULT 'scheduled',
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelNoticeSentAt" TIMESTAMPTZ(3),
    "contentHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionVenue" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "hubId" TEXT,
    "place" JSONB,
    "address" TEXT,
    "url" TEXT,
    "timeZone" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER,
    "attendanceCode" TEXT NOT NULL,
    "nextReminderAt" TIMESTAMPTZ(3),
    "changeNoticeDueAt" TIMESTAMPTZ(3),
    "feedbackAskedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionVenue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionInvitation" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "announcedAt" TIMESTAMPTZ(3),
    "rsvp" "RsvpAnswer",
    "rsvpAt" TIMESTAMPTZ(3),
    "waitlistedAt" TIMESTAMPTZ(3),
    "attendedAt" TIMESTAMPTZ(3),
    "attendedBy" TEXT,
    "attendanceRecordedById" TEXT,
    "feedbackAskedAt" TIMESTAMPTZ(3),
    "feedbackScore" INTEGER,
    "feedbackComment" TEXT,
    "feedbackAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SessionInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_status_announceAt_idx" ON "Session"("status", "announceAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_programmeId_key_key" ON "Session"("programmeId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SessionVenue_attendanceCode_key" ON "SessionVenue"("attendanceCode");

-- CreateIndex
CREATE INDEX "SessionVenue_nextReminderAt_idx" ON "SessionVenue"("nextReminderAt");

-- CreateIndex
CREATE INDEX "SessionVenue_changeNoticeDueAt_idx" ON "SessionVenue"("changeNoticeDueAt");

-- CreateIndex
CREATE INDEX "SessionVenue_startsAt_idx" ON "SessionVenue"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "SessionVenue_sessionId_key_key" ON "SessionVenue"("sessionId", "key");

-- CreateIndex
CREATE INDEX "SessionInvitation_venueId_rsvp_idx" ON "SessionInvitation"("venueId", "rsvp");

-- CreateIndex
CREATE INDEX "SessionInvitation_personId_idx" ON "SessionInvitation"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionInvitation_sessionId_personId_key" ON "SessionInvitation"("sessionId", "personId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionVenue" ADD CONSTRAINT "SessionVenue_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionVenue" ADD CONSTRAINT "SessionVenue_hubId_fkey" FOREIGN KEY ("hubId") REFERENCES "Hub"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitation" ADD CONSTRAINT "SessionInvitation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitation" ADD CONSTRAINT "SessionInvitation_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "SessionVenue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionInvitation" ADD CONSTRAINT "SessionInvitation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
