import { redirect } from "next/navigation";
import { AuthCard } from "@/components/layout/auth-card";
import { ChangePassword } from "@/components/auth/change-password";
import { PostForm } from "@/components/auth/post-form";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";

export const metadata = { title: "Account · Burnrate" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=/account");
  const account = await db().user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } });
  return (
    <AuthCard title="Your account" subtitle={user.email}>
      {account?.emailVerifiedAt ? (
        <p className="text-sm" data-testid="email-verified">
          Email address confirmed.
        </p>
      ) : (
        <div className="space-y-2 text-sm" data-testid="email-unverified">
          <p>Your email address is not confirmed yet: invitations wait until it is.</p>
          <PostForm
            url="/api/account/verification-email"
            fields={[]}
            submit="Send the confirmation link again"
            done="Sent, if this Burnrate can send email; otherwise ask its operators."
          />
        </div>
      )}
      <h2 className="font-semibold text-tremor-content-strong">Change password</h2>
      <ChangePassword />
      <p className="text-sm">
        <a className="text-tremor-brand underline" href="/">
          Back to Burnrate
        </a>
      </p>
    </AuthCard>
  );
}
