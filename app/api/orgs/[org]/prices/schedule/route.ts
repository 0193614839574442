import { withSession } from "@/lib/api/with-session";
import { priceScheduleContract } from "@/lib/contracts/price-schedule";
import { listPriceSchedule } from "@/lib/pricing/list-price-schedule";

export const GET = withSession(priceScheduleContract, async () => listPriceSchedule());
