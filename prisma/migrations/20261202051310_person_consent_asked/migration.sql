-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "consentAskedAt" TIMESTAMPTZ(3);
