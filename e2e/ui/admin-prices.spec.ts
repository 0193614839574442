import { expect, request, test } from "@playwright/test";
import { createAccount, signIn } from "../support/accounts";
import { markEmailVerified, query } from "../support/db";

// Changes only a model no other spec prices (mistral/codestral): the catalog is shared by the run.
test("an operator previews and applies a CSV price import; others get 404", async ({ page, baseURL }) => {
  const stranger = await createAccount(baseURL!, "not-operator");
  expect((await stranger.api.get("/admin/prices")).status()).toBe(404);
  expect((await stranger.api.post("/api/admin/prices", { data: { format: "csv", content: "x" } })).status()).toBe(404);

  const email = process.env.BURNRATE_OPERATOR_EMAILS!;
  // Anyone can sign up with the operator's address: until it is verified, it grants nothing.
  const operator = await createAccount(baseURL!, "operator", email, { verified: false });
  expect((await operator.api.get("/admin/prices")).status()).toBe(404);
  expect((await operator.api.post("/api/admin/prices", { data: { format: "csv", content: "x" } })).status()).toBe(404);
  await markEmailVerified(email);
  const bad = await operator.api.post("/api/admin/prices", { data: { format: "csv", content: "provider,model\n" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("content");

  await page.goto("/login?callbackUrl=/admin/prices");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Price catalog import" })).toBeVisible();
  await page.getByLabel("Format").selectOption("csv");
  await page
    .getByLabel("File content")
    .fill("provider,model,input,output\nmistral,codestral,0.25,0.75\nopsco,opsco-large,3,9\n");
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("1 added, 1 changed");
  await page.screenshot({ path: "screenshots/admin-prices.png", fullPage: true });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Applied: 1 added, 1 changed");
  const versions = await query<{ input: string; ended: boolean }>(
    `SELECT prices->>'input' AS input, "effectiveTo" IS NOT NULL AS ended FROM model_prices WHERE provider = 'mistral' AND model = 'codestral' ORDER BY "effectiveFrom"`,
  );
  expect(versions).toEqual([
    { input: "0.30", ended: true },
    { input: "0.25", ended: false },
  ]);
});

/** The operator (BURNRATE_OPERATOR_EMAILS), signed up once per run, signed in. */
async function operatorAccount(baseURL: string) {
  const email = process.env.BURNRATE_OPERATOR_EMAILS!;
  const password = "correct horse battery";
  const anon = await request.newContext({ baseURL });
  await anon.post("/api/auth/signup", { data: { email, password, organizationName: "operator Inc" } });
  await anon.dispose();
  return { email, password, api: await signIn(baseURL, email, password) };
}

// Only models of its own (syncco/…, nightco/…) and cohere/command-r7b, which no other spec prices.
test("dated and time-of-day prices show on the prices page; an operator approves a pending sync", async ({
  page,
  baseURL,
}) => {
  const operator = await operatorAccount(baseURL!);
  const catalog = (models: object[]) => JSON.stringify({ catalogVersion: "e2e", currency: "USD", models });
  const imported = await operator.api.post("/api/admin/prices", {
    data: {
      format: "catalog",
      apply: true,
      content: catalog([
        { provider: "syncco", model: "intro-1", displayName: "Intro 1", prices: { input: "1.00", output: "2.00" } },
        {
          provider: "syncco",
          model: "intro-1",
          prices: { input: "3.00", output: "6.00" },
          effectiveFrom: "2099-01-01T00:00:00Z",
        },
        {
          provider: "nightco",
          model: "night-1",
          displayName: "Night 1",
          prices: { input: "0.28", output: "1.10" },
          timeOfDay: [{ from: "16:30", to: "00:30", label: "off-peak", prices: { input: "0.14", output: "0.55" } }],
        },
      ]),
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);

  // A pending sync as the worker leaves it: its diff is the preview of the fetched entries.
  const entries = [{ provider: "cohere", model: "command-r7b", prices: { input: "0.0375", output: "0" } }];
  const preview = await operator.api.post("/api/admin/prices", {
    data: { format: "catalog", content: catalog(entries) },
  });
  const { diff } = await preview.json();
  expect(diff.issues.map((i: { check: string }) => i.check)).toEqual(["zeroed"]);
  await query(`DELETE FROM price_sync_runs`);
  await query(
    `INSERT INTO price_sync_runs (id, trigger, status, "sourceUrl", diff, entries, issues, "finishedAt")
     VALUES ('e2e-sync-run', 'schedule', 'pending', 'https://prices.example/litellm.json', $1, $2, $3, now())`,
    [JSON.stringify(diff), JSON.stringify(entries), JSON.stringify(diff.issues)],
  );

  await page.goto("/login?callbackUrl=/admin/prices");
  await page.getByLabel("Email").fill(operator.email);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("pending-sync")).toContainText("command-r7b");
  await expect(page.getByTestId("sanity-issues")).toContainText("output falls from 0.15 to zero");
  const approve = page.getByRole("button", { name: "Approve and apply" });
  await expect(approve).toBeDisabled();
  await page.screenshot({ path: "screenshots/admin-price-sync.png", fullPage: true });
  await page.getByLabel(/I have checked the 1 flagged change/).check();
  await approve.click();
  await expect(page.getByTestId("sync-runs")).toContainText("applied");
  await expect(page.getByTestId("pending-sync")).toHaveCount(0);
  const [row] = await query<{ output: string }>(
    `SELECT prices->>'output' AS output FROM model_prices WHERE provider = 'cohere' AND model = 'command-r7b' AND "effectiveTo" IS NULL`,
  );
  expect(row!.output).toBe("0");

  const [membership] = await query<{ slug: string }>(
    `SELECT o.slug FROM organizations o JOIN memberships m ON m."orgId" = o.id JOIN users u ON u.id = m."userId" WHERE u.email = $1 LIMIT 1`,
    [operator.email],
  );
  await page.goto(`/${membership!.slug}/settings/prices`);
  await expect(page.getByTestId("upcoming-prices")).toContainText("Intro 1");
  await expect(page.getByTestId("upcoming-prices")).toContainText("$3.00 in");
  await expect(page.getByTestId("time-of-day-prices")).toContainText("off-peak 16:30–00:30 UTC: $0.14 in");
  await page.getByTestId("price-schedule").screenshot({ path: "screenshots/prices-schedule.png" });
});
