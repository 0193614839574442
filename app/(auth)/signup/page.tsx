import { Suspense } from "react";
import { AuthCard } from "@/components/layout/auth-card";
import { SignupForm } from "@/components/auth/signup-form";

export const metadata = { title: "Create account · Burnrate" };

export default function SignupPage() {
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{" "}
          <a className="text-tremor-brand underline" href="/login">
            Sign in
          </a>
        </>
      }
    >
      <Suspense>
        <SignupForm />
      </Suspense>
    </AuthCard>
  );
}
