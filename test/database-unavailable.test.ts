// Which database errors become 503 + Retry-After (lib/db/unavailable.ts), from real errors: a pool
// exhausted past its connect timeout, a server that refuses connections, a terminated backend, and
// Prisma's own error for an unreachable server; a bug (bad SQL) stays a 500.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { isDatabaseDown, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { errorResponse } from "@/lib/api/respond";
import { freePort } from "./support/stack/free-port";

const url = process.env.DATABASE_URL!;
const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const p of pools) await p.end().catch(() => {});
});

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (err: unknown) => err,
  );

describe("database unavailable → 503", () => {
  it("an exhausted pool (no free connection within the connect timeout)", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 200 });
    pools.push(pool);
    const held = await pool.connect();
    const err = await caught(pool.query("SELECT 1"));
    held.release();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseDown(err)).toBe(false); // busy, not down: the limits API answers 503, not its fail mode
    const res = errorResponse(err);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  it("a server that refuses connections, through pg and through Prisma", async () => {
    const down = `postgresql://postgres@127.0.0.1:${await freePort()}/x`;
    const pool = new pg.Pool({ connectionString: down, connectionTimeoutMillis: 1000 });
    pools.push(pool);
    const refused = await caught(pool.query("SELECT 1"));
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseDown(refused)).toBe(true);
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: down, connectionTimeoutMillis: 1000 }),
    });
    const err = await caught(prisma.organization.findFirst());
    await prisma.$disconnect();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseDown(err)).toBe(true);
  });

  it("a backend terminated by the server (what a restart does to open connections)", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pools.push(pool);
    pool.on("error", () => {});
    const victim = await pool.connect();
    victim.on("error", () => {});
    const { rows } = await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const sleeping = caught(victim.query("SELECT pg_sleep(5)"));
    await new Promise((r) => setTimeout(r, 200));
    await pool.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    const terminated = await sleeping;
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseDown(terminated)).toBe(true);
    victim.release(true);
  });

  it("a bug is not an outage: bad SQL stays a logged 500", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pools.push(pool);
    const err = await caught(pool.query("SELEC 1"));
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isDatabaseDown(err)).toBe(false);
    expect(errorResponse(err).status).toBe(500);
  });
});
