// Smoke test of the whole e2e stack: Chromium starts, the app answers, and it reaches its database.
import { expect, test } from "@playwright/test";

test("GET /api/health answers 200 JSON with postgres ok", async ({ page }) => {
  const response = await page.goto("/api/health");
  expect(response, "no response for /api/health").not.toBeNull();
  expect(response!.status()).toBe(200);
  expect(response!.headers()["content-type"]).toContain("application/json");
  expect(await response!.json()).toMatchObject({ postgres: "ok" });
});
