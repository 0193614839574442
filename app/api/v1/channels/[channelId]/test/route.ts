import { withApiKey } from "@/lib/api/with-api-key";
import { testChannelContract } from "@/lib/contracts/channels";
import { testChannelHandler } from "@/app/api/_handlers/channels";

export const dynamic = "force-dynamic";

export const POST = withApiKey(testChannelContract.v1, testChannelHandler);
