import { AuthCard } from "@/components/layout/auth-card";
import { PostForm } from "@/components/auth/post-form";
import { safeCallbackPath } from "@/lib/client/safe-callback-url";

export const metadata = { title: "Confirm your email · Burnrate" };

// A button, not a GET side effect: mail scanners that open links must not confirm addresses.
export default async function VerifyEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { token } = await params;
  const raw = (await searchParams).next;
  // Only a path of this site (the invite the account was created for): never another host.
  const next = safeCallbackPath(typeof raw === "string" ? raw : null, "/", "http://burnrate.invalid");
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
            <a className="text-tremor-brand underline" href={next}>
              {next.startsWith("/invite/") ? "Continue to your invite" : "Continue"}
            </a>
          </>
        }
      />
    </AuthCard>
  );
}
