-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'accepted';

