import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { batchSchema } from "@/lib/ingest/event-schema";
import { curlExample } from "./curl-example";

const NOW = new Date("2026-11-30T06:30:00.123Z");
const SECRET = "br_live_abc123";

/** The words a POSIX shell makes of the command (sh itself splits it: no second parser of ours). */
function shellWords(command: string): string[] {
  const script = `set -- ${command.replace(/\\\n/g, " ")}\nfor a in "$@"; do printf '%s\\0' "$a"; done`;
  return execFileSync("sh", ["-c", script], { encoding: "utf8" }).split("\0").slice(0, -1);
}

describe("the curl example of a new API key", () => {
  it("posts one valid event with an ingest key, to the configured base URL", () => {
    const words = shellWords(curlExample("https://burnrate.example.com/", SECRET, ["ingest", "read"], NOW));
    expect(words.slice(0, 4)).toEqual(["curl", "-X", "POST", "https://burnrate.example.com/api/v1/events"]);
    expect(words).toContain(`Authorization: Bearer ${SECRET}`);
    const body = JSON.parse(words[words.indexOf("-d") + 1]!);
    expect(batchSchema.safeParse(body).success).toBe(true);
    expect(body.events[0].timestamp).toBe("2026-11-30T06:30:00Z");
  });

  it("queries spend with a read key, and lists budgets with an admin key", () => {
    expect(shellWords(curlExample("http://h:3000", SECRET, ["read"], NOW))).toEqual([
      "curl",
      "http://h:3000/api/v1/spend?groupBy=team&granularity=day",
      "-H",
      `Authorization: Bearer ${SECRET}`,
    ]);
    expect(shellWords(curlExample("http://h:3000", SECRET, ["admin"], NOW))[1]).toBe("http://h:3000/api/v1/budgets");
  });

  it("quotes whatever the values hold", () => {
    const words = shellWords(curlExample("http://h/it's", "a'b $HOME", ["read"], NOW));
    expect(words[1]).toBe("http://h/it's/api/v1/spend?groupBy=team&granularity=day");
    expect(words[3]).toBe("Authorization: Bearer a'b $HOME");
  });
});
