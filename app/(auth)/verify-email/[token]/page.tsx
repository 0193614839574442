import { AuthCard } from "@/components/layout/auth-card";
import { PostForm } from "@/components/auth/post-form";

export const metadata = { title: "Confirm your email · Burnrate" };

// A button, not a GET side effect: mail scanners that open links must not confirm addresses.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthCard title="Confirm your email address">
      <PostForm
        url="/api/auth/verify-email"
        extra={{ token }}
        fields={[]}
        submit="Confirm"
        done={
          <>
            Your address is confirmed.{" "}
            <a className="text-tremor-brand underline" href="/">
              Continue
            </a>
          </>
        }
      />
    </AuthCard>
  );
}
