import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { AuthCard } from "@/components/layout/auth-card";
import { NewOrgForm } from "@/components/auth/new-org-form";

export const metadata = { title: "New organisation · Burnrate" };

export const dynamic = "force-dynamic";

export default async function NewOrgPage() {
  if (!(await currentUser())) redirect("/login?callbackUrl=/new-org");
  return (
    <AuthCard title="New organisation" subtitle="You become its owner.">
      <NewOrgForm />
    </AuthCard>
  );
}
