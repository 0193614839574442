import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { addMember, createAccount } from "../support/accounts";
import { markEmailVerified, query } from "../support/db";
import { signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

test("an invited person signs up with the invited address and joins the inviting organisation, creating none", async ({
  page,
  baseURL,
}) => {
  const owner = await createAccount(baseURL!, "inviter");
  const email = `invitee-${randomUUID().slice(0, 8)}@e2e.test`;
  const res = await owner.api.post(`/api/orgs/${owner.orgSlug}/members`, { data: { email, role: "FINANCE" } });
  expect(res.status(), await res.text()).toBe(201);
  const { invite } = await res.json();
  // The link is on the configured base URL (NEXTAUTH_URL: the e2e server's own address).
  expect(invite.url.startsWith(`${new URL(baseURL!).origin}/invite/`)).toBe(true);
  expect(invite.emailed).toBe(false); // no SMTP in the e2e server

  await page.goto(new URL(invite.url).pathname);
  await expect(page.getByRole("heading", { name: "Join inviter Inc" })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();

  await expect(page.getByRole("heading", { name: "Join inviter Inc" })).toBeVisible();
  const emailField = page.getByLabel("Work email");
  await expect(emailField).toHaveValue(email);
  await expect(emailField).toHaveAttribute("readonly", "");
  await expect(page.getByLabel("Organisation")).toHaveCount(0);
  await expect(page.getByTestId("signup-joins")).toContainText("inviter Inc");
  await page.screenshot(shot("invite-signup"));

  await page.getByLabel("Your name").fill("Ines Invited");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account and continue" }).click();
  await expect(page.getByTestId("password-error")).toHaveText("Use at least 8 characters.");
  await expect(page.getByRole("alert").filter({ hasText: "Check" })).toHaveText("Check the highlighted field.");

  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account and continue" }).click();
  // Back on the invite: the address must be confirmed first (the emailed link; here, the database).
  await expect(page).toHaveURL(/\/invite\//);
  await expect(page.getByTestId("invite-needs-verification")).toBeVisible();
  await markEmailVerified(email);
  await page.reload();
  await page.getByRole("button", { name: "Accept invite" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.orgSlug}$`));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // One membership: the inviting organisation, with the invited role; no organisation of their own.
  const rows = await query<{ slug: string; role: string }>(
    `SELECT o.slug, m.role FROM memberships m JOIN users u ON u.id = m."userId" JOIN organizations o ON o.id = m."orgId" WHERE u.email = $1`,
    [email],
  );
  expect(rows).toEqual([{ slug: owner.orgSlug, role: "FINANCE" }]);

  // FINANCE may open neither API keys nor the audit log: no links to them.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Budgets" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
});

test("a viewer sees no links to pages it may not open", async ({ page, baseURL }) => {
  const owner = await createAccount(baseURL!, "viewer-nav");
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  await signInWithForm(page, viewer);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Explore" })).toBeVisible();
  for (const hidden of ["API keys", "Audit log"]) await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
  // The empty Overview names API keys without linking to a page the viewer cannot open.
  await expect(page.getByText("No usage yet")).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: "API key" })).toHaveCount(0);
  await page.goto(`/${owner.orgSlug}/budgets`);
  await expect(page.getByRole("link", { name: "New budget" })).toHaveCount(0);
  await page.screenshot(shot("viewer-nav"));
});
