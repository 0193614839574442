"use client";

import { signOut } from "next-auth/react";
import { PostForm } from "./post-form";

/** Changing the password ends every session, this one too: then the user signs in with the new one. */
export function ChangePassword() {
  return (
    <PostForm
      url="/api/account/password"
      fields={[
        { name: "currentPassword", label: "Current password", type: "password", autoComplete: "current-password" },
        { name: "newPassword", label: "New password", type: "password", autoComplete: "new-password" },
      ]}
      submit="Change password"
      done="Password changed. Signing you out everywhere…"
      onDone={() => void signOut({ callbackUrl: "/login" })}
    />
  );
}
