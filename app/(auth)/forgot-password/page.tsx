import { AuthCard } from "@/components/layout/auth-card";
import { PostForm } from "@/components/auth/post-form";
import { accountMailEnabled } from "@/lib/onboarding/account-mail";

export const metadata = { title: "Forgot password · Burnrate" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  if (!accountMailEnabled()) {
    return (
      <AuthCard title="Forgot your password?">
        <p className="text-sm">
          This Burnrate sends no email. Ask the people who run it to reset your password (README,
          &ldquo;Security&rdquo;).
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" subtitle="We will email you a link to set a new one.">
      <PostForm
        url="/api/auth/password-reset"
        fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
        submit="Email me a link"
        done="If that address has an account, a link is on its way. It works once, for an hour."
      />
    </AuthCard>
  );
}
