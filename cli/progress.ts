// Progress of long work on stderr (stdout stays for the answer): a bar with
// counts and rate on a terminal, a plain line every few seconds otherwise
// (logs, CI, pipes).
const BAR_WIDTH = 28;
const LINE_INTERVAL_MS = 5_000;
/** The rate shown is over this last stretch, so a pause shows as a falling rate at once. */
const RATE_WINDOW_MS = 5_000;

export interface Progress {
  /** `note` says what is still going on, e.g. the resources still running. */
  update(done: number, total: number | null, note?: string): void;
  finish(message: string): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const samples: { at: number; done: number }[] = [];
  let lastLine = 0;
  let last = "";
  const rate = (done: number) => {
    const now = Date.now();
    samples.push({ at: now, done });
    while (samples.length > 2 && now - samples[1]!.at >= RATE_WINDOW_MS) samples.shift();
    const first = samples[0]!;
    return now > first.at ? Math.round(((done - first.done) * 1000) / (now - first.at)) : 0;
  };
  return {
    update(done, total, note) {
      const counts = `${done.toLocaleString("en-US")}${total ? ` of ${total.toLocaleString("en-US")}` : ""} objects`;
      const perSecond = `${rate(done).toLocaleString("en-US")}/s`;
      const suffix = note ? ` · ${note}` : "";
      if (stream.isTTY) {
        const share = total ? Math.min(1, done / total) : 0;
        const filled = Math.round(share * BAR_WIDTH);
        const bar = total ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ` : "";
        stream.write(`\r\x1b[2K${label} ${bar}${counts}, ${perSecond}${suffix}`);
        return;
      }
      const line = `${label}: ${counts} written${suffix}`;
      if (line !== last && Date.now() - lastLine >= LINE_INTERVAL_MS) {
        stream.write(`${line} (${perSecond})\n`);
        last = line;
        lastLine = Date.now();
      }
    },
    finish(message) {
      stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}${label}: ${message}\n`);
    },
  };
}
