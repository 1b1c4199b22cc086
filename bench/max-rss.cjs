// Preloaded (node -r) into a child run by bench/sweep.ts: when the process exits, writes its peak resident
// set size (process.resourceUsage().maxRSS, KiB: the whole process, worker threads included) to the file
// named by HEADTUNE_BENCH_MAX_RSS_FILE.
const { writeFileSync } = require("node:fs");

const file = process.env.HEADTUNE_BENCH_MAX_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
