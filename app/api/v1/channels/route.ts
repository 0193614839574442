import { withApiKey } from "@/lib/api/with-api-key";
import { listChannelsContract, createChannelContract } from "@/lib/contracts/channels";
import { listChannelsHandler, createChannelHandler } from "@/app/api/_handlers/channels";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listChannelsContract.v1, listChannelsHandler);
export const POST = withApiKey(createChannelContract.v1, createChannelHandler);
