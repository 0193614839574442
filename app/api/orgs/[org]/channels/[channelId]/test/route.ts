import { withSession } from "@/lib/api/with-session";
import { testChannelContract } from "@/lib/contracts/channels";
import { testChannelHandler } from "@/app/api/_handlers/channels";

export const POST = withSession(testChannelContract.session, testChannelHandler);
