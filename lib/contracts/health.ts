import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";

const health = z.object({
  status: z.enum(["ok", "degraded"]).describe("ok when every dependency answers"),
  postgres: z.enum(["ok", "down"]).describe("Postgres reachability"),
  redis: z.enum(["ok", "down"]).describe("Redis reachability"),
  version: z.string().describe("Burnrate version"),
});

export const healthContract = defineContract({
  name: "health",
  method: "GET",
  path: "/api/health",
  auth: { kind: "public" },
  summary: "Health check",
  description: "200 when Postgres and Redis answer, 503 otherwise.",
  responses: { 200: health, 503: health },
});
