import { sweep } from "@/lib/rollups/sweep";
import type { Processor } from "../registry";

export const maintenanceProcessor: Processor<"maintenance"> = {
  queue: "maintenance",
  concurrency: 1,
  handle: () => sweep(),
};
