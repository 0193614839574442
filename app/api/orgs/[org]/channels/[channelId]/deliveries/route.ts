import { withSession } from "@/lib/api/with-session";
import { listChannelDeliveriesContract } from "@/lib/contracts/channels";
import { listChannelDeliveriesHandler } from "@/app/api/_handlers/channels";

export const GET = withSession(listChannelDeliveriesContract.session, listChannelDeliveriesHandler);
