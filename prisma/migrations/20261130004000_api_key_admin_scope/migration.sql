-- AlterEnum
ALTER TYPE "ApiKeyScope" ADD VALUE 'admin';
