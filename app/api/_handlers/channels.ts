import { reply } from "@/lib/api/define-contract";
import type {
  createChannelContract,
  deleteChannelContract,
  getChannelContract,
  listChannelDeliveriesContract,
  listChannelsContract,
  testChannelContract,
  updateChannelContract,
} from "@/lib/contracts/channels";
import { channelView } from "@/lib/notifications/channel-view";
import { listChannelDeliveries, sendTestMessage } from "@/lib/notifications/channel-deliveries";
import {
  createChannel,
  deleteChannel,
  findChannel,
  listChannels,
  updateChannel,
} from "@/lib/notifications/manage-channels";
import { openSlackUrl } from "@/lib/notifications/slack-url";
import type { SharedHandler as Handler } from "./shared-handler";

/* One handler per channel operation, shared by the /api/v1 (admin key) and dashboard (session) routes. */

export const createChannelHandler: Handler<typeof createChannelContract> = async (ctx, { body }) =>
  reply(201, await createChannel(ctx, body));

export const listChannelsHandler: Handler<typeof listChannelsContract> = async (ctx) => ({
  channels: await listChannels(ctx),
});

export const getChannelHandler: Handler<typeof getChannelContract> = async (ctx, { params }) => {
  const row = await findChannel(ctx, params.channelId);
  return channelView(row, row.slackUrlEncrypted ? openSlackUrl(ctx.orgId, row.slackUrlEncrypted) : null);
};

export const updateChannelHandler: Handler<typeof updateChannelContract> = async (ctx, { params, body }) =>
  updateChannel(ctx, params.channelId, body);

export const deleteChannelHandler: Handler<typeof deleteChannelContract> = async (ctx, { params }) => {
  await deleteChannel(ctx, params.channelId);
  return { id: params.channelId, deleted: true };
};

export const testChannelHandler: Handler<typeof testChannelContract> = async (ctx, { params }) =>
  reply(202, await sendTestMessage(ctx, params.channelId));

export const listChannelDeliveriesHandler: Handler<typeof listChannelDeliveriesContract> = async (
  ctx,
  { params, query },
) => listChannelDeliveries(ctx, params.channelId, query);
