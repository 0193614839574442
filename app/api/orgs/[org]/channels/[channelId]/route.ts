import { withSession } from "@/lib/api/with-session";
import { getChannelContract, updateChannelContract, deleteChannelContract } from "@/lib/contracts/channels";
import { getChannelHandler, updateChannelHandler, deleteChannelHandler } from "@/app/api/_handlers/channels";

export const GET = withSession(getChannelContract.session, getChannelHandler);
export const PATCH = withSession(updateChannelContract.session, updateChannelHandler);
export const DELETE = withSession(deleteChannelContract.session, deleteChannelHandler);
