-- DropIndex
DROP INDEX "Answer_mediaFileId_key";
