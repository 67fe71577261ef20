import fs from 'node:fs';

const TICK_MS = 10;

function ticks(pid: number): number | undefined {
  try {
    // fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th
    const after = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(after[11]) + Number(after[12]);
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) that a changing set of processes spends between `start()` and the returned `stop()`, in
 * milliseconds: what the server side costs whatever else the machine runs (the load generator is not counted).
 * Processes that end in between count up to their last sample.
 */
export function cpuMeter(pids: () => number[]): { stop(): number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    for (const pid of pids()) {
      const t = ticks(pid);
      if (t === undefined) continue;
      // a process that appeared since the start (a restarted worker, a new backend): all its time is in the window
      if (!first.has(pid)) first.set(pid, 0);
      last.set(pid, t);
    }
  };
  for (const pid of pids()) {
    const t = ticks(pid);
    if (t !== undefined) {
      first.set(pid, t);
      last.set(pid, t);
    }
  }
  const timer = setInterval(sample, 500);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let total = 0;
      for (const [pid, t] of last) total += t - (first.get(pid) ?? 0);
      return total * TICK_MS;
    },
  };
}
