import { Suspense } from "react";
import { AuthCard } from "@/components/layout/auth-card";
import { SignupForm } from "@/components/auth/signup-form";
import { findInvite } from "@/lib/members/accept-invite";

export const metadata = { title: "Create account · Burnrate" };
export const dynamic = "force-dynamic";

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[] }> }) {
  const token = (await searchParams).invite;
  const invite = typeof token === "string" && token ? await findInvite(token) : null;
  const invited = invite && typeof token === "string" ? { token, email: invite.email, orgName: invite.org.name } : null;
  const signIn = invited ? `/login?callbackUrl=${encodeURIComponent(`/invite/${invited.token}`)}` : "/login";
  return (
    <AuthCard
      title={invited ? `Join ${invited.orgName}` : "Create your account"}
      subtitle={
        <>
          {invited ? `Create your account to accept the invite as ${invite?.role}. ` : null}
          Already have one?{" "}
          <a className="text-tremor-brand underline" href={signIn}>
            Sign in
          </a>
        </>
      }
    >
      {typeof token === "string" && token && !invited ? (
        <p role="alert" className="text-sm text-red-700">
          This invite link is invalid, was already used, or has expired. Ask for a new one, or create an account with an
          organisation of your own below.
        </p>
      ) : null}
      <Suspense>
        <SignupForm invite={invited ?? undefined} />
      </Suspense>
    </AuthCard>
  );
}
