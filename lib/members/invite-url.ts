/** The link an invitee opens; shown to the inviter until mail delivery is configured. */
export function inviteUrl(origin: string, token: string): string {
  return `${origin}/invite/${encodeURIComponent(token)}`;
}
