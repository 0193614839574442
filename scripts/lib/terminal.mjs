// Terminal output for the set-up scripts: colours, tagged loggers, timed steps, URLs without passwords.

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const dim = (s) => paint(2, s);
export const bold = (s) => paint(1, s);
export const red = (s) => paint(31, s);
export const green = (s) => paint(32, s);
export const yellow = (s) => paint(33, s);
export const cyan = (s) => paint(36, s);
export const magenta = (s) => paint(35, s);

/** A logger that prefixes `[tag]`; `{ stderr: true }` keeps stdout for the output of a wrapped command. */
export function createLog(tag, { stderr = false } = {}) {
  const prefix = dim(`[${tag}]`);
  const out = stderr ? console.error : console.log;
  const log = (...a) => out(prefix, ...a);
  log.warn = (...a) => console.log(prefix, yellow("warning:"), ...a);
  log.error = (...a) => console.error(prefix, red("error:"), ...a);
  return log;
}

export const seconds = (ms) => `${(ms / 1000).toFixed(2)}s`;

/** Runs fn, printing the step's name and how long it took. Returns fn's result. */
export async function step(log, name, fn) {
  const t = performance.now();
  log(`${cyan("▸")} ${name}`);
  try {
    const result = await fn();
    log(`${green("✓")} ${name} ${dim(`(${seconds(performance.now() - t)})`)}`);
    return result;
  } catch (err) {
    log(`${red("✗")} ${name} ${dim(`(${seconds(performance.now() - t)})`)}`);
    throw err;
  }
}

export function maskUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
