-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "handoffSummary" TEXT,
ADD COLUMN     "slackChannelId" TEXT;

-- AlterTable
ALTER TABLE "ActionRun" ADD COLUMN     "language" TEXT,
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "startedBy" TEXT,
ADD COLUMN     "state" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "webhookAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "webhookState" TEXT;

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversationId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "users" TEXT[],
    "usergroup" TEXT,
    "text" TEXT,
    "slackChannelId" TEXT,
    "slackTs" TEXT,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_postedAt_createdAt_idx" ON "Alert"("postedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_conversationId_createdAt_idx" ON "Alert"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionRun_webhookState_updatedAt_idx" ON "ActionRun"("webhookState", "updatedAt");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

