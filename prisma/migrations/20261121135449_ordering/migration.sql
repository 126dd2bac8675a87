-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "InboundEvent_personId_status_idx" ON "InboundEvent"("personId", "status");

-- CreateIndex
CREATE INDEX "OutboundMessage_channelIdentityId_sequence_idx" ON "OutboundMessage"("channelIdentityId", "sequence");
