-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "notAfter" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "SessionInvitation" ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);
