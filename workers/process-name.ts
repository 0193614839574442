// Imported first by workers/index.ts: names the process in logs before lib/log is evaluated.
process.env.BURNRATE_PROCESS ??= "worker";
export {};
