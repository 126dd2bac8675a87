-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "joinedAt" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP;

-- Everyone enrolled so far joined when the enrolment was made, except people still answering
-- the joining questions of a new enrolment (their dialogue state names it): they join when they
-- finish. Someone joining again an enrolment they had keeps it joined.
UPDATE "Enrolment" SET "joinedAt" = "createdAt";
UPDATE "Enrolment" e SET "joinedAt" = NULL
WHERE EXISTS (
  SELECT 1 FROM "ConversationState" st
  WHERE st."personId" = e."personId" AND st.flow = 'joining' AND st.data->>'enrolmentId' = e.id
    AND st.data->>'previousStatus' IS NULL
);
