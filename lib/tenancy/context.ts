import type { ApiKeyScope, Role } from "@/lib/db/generated/enums";

export type Actor =
  | { type: "user"; userId: string; email: string }
  | { type: "apiKey"; apiKeyId: string; name: string };

/**
 * The tenant a request acts for. Built only by withSession / withApiKey from the credential,
 * never from a body or query; every lib/ function that touches tenant data takes it.
 */
export type OrgContext = {
  orgId: string;
  orgSlug: string;
  actor: Actor;
  role: Role | null;
  scopes: ApiKeyScope[];
};

export function actorLabel(actor: Actor): string {
  return actor.type === "user" ? actor.email : `api key ${actor.name}`;
}

/** The context of a user acting in an organisation they are a member of. */
export function userContext(
  org: { id: string; slug: string },
  user: { id: string; email: string },
  role: Role,
): OrgContext {
  return {
    orgId: org.id,
    orgSlug: org.slug,
    role,
    scopes: [],
    actor: { type: "user", userId: user.id, email: user.email },
  };
}
