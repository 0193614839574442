-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "nonInteractiveFeatures" TEXT[] DEFAULT ARRAY[]::TEXT[];
