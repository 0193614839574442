import { Suspense } from "react";
import { AuthCard } from "@/components/layout/auth-card";
import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in · Burnrate" };

export default function LoginPage() {
  return (
    <AuthCard
      title="Sign in"
      subtitle={
        <>
          New here?{" "}
          <a className="text-tremor-brand underline" href="/signup">
            Create an account
          </a>
        </>
      }
    >
      <Suspense>
        <LoginForm />
      </Suspense>
    </AuthCard>
  );
}
