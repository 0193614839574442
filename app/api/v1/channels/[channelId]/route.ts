import { withApiKey } from "@/lib/api/with-api-key";
import { getChannelContract, updateChannelContract, deleteChannelContract } from "@/lib/contracts/channels";
import { getChannelHandler, updateChannelHandler, deleteChannelHandler } from "@/app/api/_handlers/channels";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getChannelContract.v1, getChannelHandler);
export const PATCH = withApiKey(updateChannelContract.v1, updateChannelHandler);
export const DELETE = withApiKey(deleteChannelContract.v1, deleteChannelHandler);
