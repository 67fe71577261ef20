import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The path of an executable found on `PATH`, or undefined (a file check, no process started). */
export function findExecutable(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder: look in the next
    }
  }
  return undefined;
}

/** Thrown when ogr2ogr fails or runs out of time; its message is for the log, not the client. */
export class Ogr2ogrError extends Error {}

/** Runs ogr2ogr with arguments (no shell), killing it after `timeoutMs`; resolves when it exits with 0. */
export function runOgr2ogr(executable: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(executable, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, windowsHide: true }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const why = err.killed ? `timed out after ${timeoutMs} ms` : `exited with ${String(err.code)}`;
      reject(new Ogr2ogrError(`ogr2ogr ${why}: ${String(stderr).trim().slice(0, 2000)}`));
    });
  });
}
