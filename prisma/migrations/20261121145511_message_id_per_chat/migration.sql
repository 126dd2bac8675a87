-- DropIndex
DROP INDEX "OutboundMessage_channel_platformMessageId_key";

-- CreateIndex
CREATE INDEX "OutboundMessage_channel_platformMessageId_idx" ON "OutboundMessage"("channel", "platformMessageId");
