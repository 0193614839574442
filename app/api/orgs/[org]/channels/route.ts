import { withSession } from "@/lib/api/with-session";
import { listChannelsContract, createChannelContract } from "@/lib/contracts/channels";
import { listChannelsHandler, createChannelHandler } from "@/app/api/_handlers/channels";

export const GET = withSession(listChannelsContract.session, listChannelsHandler);
export const POST = withSession(createChannelContract.session, createChannelHandler);
