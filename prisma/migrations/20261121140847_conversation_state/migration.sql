-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "optedOutAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ConversationState" (
    "personId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationState_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "ConversationState" ADD CONSTRAINT "ConversationState_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
