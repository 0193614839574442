import { Logo } from "./logo";
import type { ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6 rounded-tremor-default bg-tremor-background p-8 shadow-tremor-card">
        <div>
          <Logo className="text-sm text-tremor-content-strong" />
          <h1 className="mt-2 text-xl font-semibold text-tremor-content-strong">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-tremor-content">{subtitle}</p> : null}
        </div>
        {children}
      </div>
    </main>
  );
}
