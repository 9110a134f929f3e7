-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "slackTs" TEXT;

