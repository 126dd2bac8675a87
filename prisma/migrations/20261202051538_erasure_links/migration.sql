-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "aboutPersonIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "aboutPersonIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "address" JSONB;

-- CreateIndex
CREATE INDEX "InboundEvent_aboutPersonIds_idx" ON "InboundEvent" USING GIN ("aboutPersonIds");

-- CreateIndex
CREATE INDEX "OutboundMessage_aboutPersonIds_idx" ON "OutboundMessage" USING GIN ("aboutPersonIds");
