export { db, disconnectDb } from "./client";
export { Prisma, type PrismaClient } from "./generated/client";
export * from "./generated/enums";
