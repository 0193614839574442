import type { NextRequest } from "next/server";
import { parseJsonBody } from "@/lib/api/parse";
import { errorResponse, json } from "@/lib/api/respond";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { env } from "@/lib/env";
import { signUp, signUpInput } from "@/lib/onboarding/sign-up";

export async function POST(req: NextRequest) {
  try {
    const ip = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
    await enforceRateLimit(`signup:${ip}`, env().SIGNUP_RATE_LIMIT_PER_MINUTE);
    const input = await parseJsonBody(req, signUpInput);
    const result = await signUp(input);
    return json({ user: result.user, organization: result.org }, 201);
  } catch (err) {
    return errorResponse(err, { route: "signup" });
  }
}
