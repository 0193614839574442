import Link from "next/link";
import { AuthCard } from "@/components/layout/auth-card";

export default function NotFound() {
  return (
    <AuthCard title="Not found">
      <p className="text-sm">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="text-sm text-tremor-brand underline">
        Go to your dashboard
      </Link>
    </AuthCard>
  );
}
