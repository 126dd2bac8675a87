-- CreateTable
CREATE TABLE "RejectedInboundEvent" (
    "id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "platformEventId" TEXT NOT NULL,
    "senderId" TEXT,
    "error" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RejectedInboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RejectedInboundEvent_lastSeenAt_idx" ON "RejectedInboundEvent"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "RejectedInboundEvent_channel_platformEventId_key" ON "RejectedInboundEvent"("channel", "platformEventId");
