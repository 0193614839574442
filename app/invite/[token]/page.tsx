import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { findInvite } from "@/lib/members/accept-invite";
import { AuthCard } from "@/components/layout/auth-card";
import { AcceptInviteButton } from "@/components/members/accept-invite-button";

export const metadata = { title: "Invitation · Burnrate" };

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (!invite) {
    return (
      <AuthCard title="Invite not found">
        This invite link is invalid, was already used, or has expired. Ask for a new one.
      </AuthCard>
    );
  }
  const user = await currentUser();
  const verified = user
    ? Boolean(
        (await db().user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } }))?.emailVerifiedAt,
      )
    : false;
  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <AuthCard title={`Join ${invite.org.name}`} subtitle={`You were invited as ${invite.role} (${invite.email}).`}>
      {user ? (
        user.email.toLowerCase() !== invite.email ? (
          <p className="text-sm">
            You are signed in as {user.email}. Sign out and sign in as {invite.email} to accept.
          </p>
        ) : verified ? (
          <AcceptInviteButton token={token} />
        ) : (
          <p className="text-sm" data-testid="invite-needs-verification">
            Confirm your email address first: open the link we sent to {invite.email}, or send it again from{" "}
            <Link className="text-tremor-brand underline" href="/account">
              your account
            </Link>
            . Then come back to this page.
          </p>
        )
      ) : (
        <p className="text-sm">
          <Link className="text-tremor-brand underline" href={`/signup?invite=${encodeURIComponent(token)}`}>
            Create an account
          </Link>{" "}
          or{" "}
          <Link className="text-tremor-brand underline" href={`/login?callbackUrl=${back}`}>
            sign in
          </Link>{" "}
          as {invite.email} to accept.
        </p>
      )}
    </AuthCard>
  );
}
