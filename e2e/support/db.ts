import pg from "pg";

/** Direct access to the run's database, to check what a 2xx really committed. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.BURNRATE_E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function orgIdOf(slug: string): Promise<string> {
  const [row] = await query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
  return row!.id;
}

/** Marks an address verified, as following the emailed link would (the e2e server has no SMTP). */
export async function markEmailVerified(email: string): Promise<void> {
  await query(`UPDATE users SET "emailVerifiedAt" = now() WHERE email = $1`, [email.toLowerCase()]);
}
