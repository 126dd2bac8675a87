-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "claimedBy" TEXT;
