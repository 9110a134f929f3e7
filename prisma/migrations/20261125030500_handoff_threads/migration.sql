-- DropIndex
DROP INDEX "SlackThread_conversationId_key";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "slackPostedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SlackThread" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "previousThreadId" UUID;

-- CreateIndex
CREATE INDEX "SlackThread_conversationId_createdAt_idx" ON "SlackThread"("conversationId", "createdAt");

