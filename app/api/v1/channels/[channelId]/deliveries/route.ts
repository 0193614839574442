import { withApiKey } from "@/lib/api/with-api-key";
import { listChannelDeliveriesContract } from "@/lib/contracts/channels";
import { listChannelDeliveriesHandler } from "@/app/api/_handlers/channels";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listChannelDeliveriesContract.v1, listChannelDeliveriesHandler);
