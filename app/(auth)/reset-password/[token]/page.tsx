import { AuthCard } from "@/components/layout/auth-card";
import { PostForm } from "@/components/auth/post-form";

export const metadata = { title: "Set a new password · Burnrate" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthCard title="Set a new password" subtitle="Every session of your account ends when it is set.">
      <PostForm
        url="/api/auth/password-reset/confirm"
        extra={{ token }}
        fields={[{ name: "newPassword", label: "New password", type: "password", autoComplete: "new-password" }]}
        submit="Set password"
        done={
          <>
            Your password is set.{" "}
            <a className="text-tremor-brand underline" href="/login">
              Sign in
            </a>
          </>
        }
      />
    </AuthCard>
  );
}
