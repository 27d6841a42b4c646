// Progress of long work on stderr (stdout stays for the answer): a bar with
// counts and rate on a terminal, a plain line every few seconds otherwise
// (logs, CI, pipes).
const BAR_WIDTH = 28;
const LINE_INTERVAL_MS = 5_000;

export interface Progress {
  update(done: number, total: number | null): void;
  finish(message: string): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastLine = 0;
  let last = "";
  const rate = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  };
  return {
    update(done, total) {
      const counts = `${done.toLocaleString("en-US")}${total ? ` of ${total.toLocaleString("en-US")}` : ""}`;
      if (stream.isTTY) {
        const share = total ? Math.min(1, done / total) : 0;
        const filled = Math.round(share * BAR_WIDTH);
        const bar = total ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ` : "";
        stream.write(`\r\x1b[2K${label} ${bar}${counts} objects, ${rate(done)}/s`);
        return;
      }
      const line = `${label}: ${counts} objects written (${rate(done)}/s)`;
      if (line !== last && Date.now() - lastLine >= LINE_INTERVAL_MS) {
        stream.write(`${line}\n`);
        last = line;
        lastLine = Date.now();
      }
    },
    finish(message) {
      stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}${label}: ${message}\n`);
    },
  };
}
