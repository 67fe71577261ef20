import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/src/config';

/** A server started as its own process (`server/src/index.ts` or `npm start`'s scripts/start.ts), with its output collected. */
export interface ServerProcess {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** JSON log lines printed so far. */
  logs(): Record<string, unknown>[];
  /** Resolves once a printed JSON log line passes `test` (rejects when the process exits first). */
  waitForLog(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Starts `entry` (a module of the project, or an absolute path) under tsx on 127.0.0.1 and a free port, without a built client. */
export function spawnServer(entry: string, env: Record<string, string>): ServerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve(PROJECT_ROOT, entry)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', CLIENT_DIST: fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-no-client-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    wake();
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => {
    resolve(code);
    wake();
  }));
  const logs = () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    proc, exited, logs, stdout: () => out, stderr: () => err,
    waitForLog: (test) => new Promise((resolve, reject) => {
      const check = () => {
        const hit = logs().find(test);
        if (hit) resolve(hit);
        else if (proc.exitCode !== null || proc.signalCode !== null) reject(new Error(`exited (${proc.exitCode ?? proc.signalCode}) first:\n${out}\n${err}`));
        else return;
        waiters.splice(waiters.indexOf(check), 1);
      };
      waiters.push(check);
      check();
    }),
  };
}

/** An open `/api/events` stream read by a raw HTTP request. */
export interface EventStream {
  text(): string;
  /** Waits until the stream's text matches, or fails after `ms`. */
  until(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves when the server ends or drops the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `/api/events` on a server with the given headers (a session cookie, Last-Event-ID). */
export function openEventStream(base: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let buffer = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (const w of [...waiters]) w();
      });
      const ended = new Promise<void>((done) => {
        res.on('close', done);
        res.on('error', () => done());
      });
      resolve({
        text: () => buffer,
        ended,
        until: (pattern, ms = 3000) => new Promise((done, fail) => {
          const check = () => {
            const m = pattern.exec(buffer);
            if (!m) return;
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            done(m[0]);
          };
          const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${ms} ms in ${JSON.stringify(buffer)}`)), ms);
          waiters.push(check);
          check();
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** The id and data of the frames of one event type in a stream's text. */
export const framesOf = (text: string, type: string) => text.split('\n\n').filter((f) => f.includes(`event: ${type}\n`)).map((f) => ({
  id: Number(/^id: (\d+)$/m.exec(f)?.[1]),
  data: JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as Record<string, unknown>,
}));
