-- DropIndex
DROP INDEX "Message_inReplyToId_key";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "bypassOptOut" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "part" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MediaBlob" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "contentType" TEXT NOT NULL,
    "filename" TEXT,
    "byteSize" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaBlob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MediaBlob_createdAt_idx" ON "MediaBlob"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_inReplyToId_part_key" ON "Message"("inReplyToId", "part");

