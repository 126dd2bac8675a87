-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "timesZone" TEXT;
