import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { listMemberships } from "@/lib/tenancy/find-membership";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const memberships = await listMemberships(user.id);
  redirect(memberships[0] ? `/${memberships[0].org.slug}` : "/new-org");
}
