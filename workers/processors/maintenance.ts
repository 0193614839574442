import { sweep } from "@/lib/maintenance/sweep";
import type { Processor } from "../registry";

export const maintenanceProcessor: Processor<"maintenance"> = {
  queue: "maintenance",
  concurrency: 1,
  handle: () => sweep(),
};
