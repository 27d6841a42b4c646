// A folder as a lock between processes on one machine: mkdir is atomic, the
// holder's pid inside lets a waiter take over from a holder that died. Used
// where several processes may start the same one-time work at once (the
// embedded database, the production build).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A folder as a lock between processes (mkdir is atomic), taken over from a
 * holder that died. Resolves to its release, or to null once `done()` says
 * another process did the work meanwhile.
 */
export async function takeFolderLock(lock: string, done: () => Promise<boolean>): Promise<(() => void) | null> {
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      if (await done()) {
        rmSync(lock, { recursive: true, force: true });
        return null;
      }
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!holderIsAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else if (await done()) return null;
      else await sleep(250);
    }
  }
}

function holderIsAlive(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(path.join(lock, "pid"), "utf8")), 0);
    return true;
  } catch (error) {
    // No pid written yet: the holder has only just taken it.
    return (error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
