import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { limitAuthBody } from "@/lib/api/auth-body-limit";

const handler = NextAuth(authOptions);

type Args = { params: Promise<{ nextauth: string[] }> };

export const GET = handler;
/** Sign-in and sign-out forms are small: anything larger is refused before next-auth reads it. */
export const POST = (req: NextRequest, args: Args) => limitAuthBody(req) ?? handler(req, args);
