/** A live-event listener that reconnects with `Last-Event-ID` as a browser's EventSource does. */
export interface EventWatcher {
  /** Ids of the cases whose `case.created` event arrived (live or replayed). */
  created: Set<number>;
  /** Times the stream was opened again after it ended. */
  reconnects: number;
  /** Attempts to open it again that failed (no worker took the connection yet). */
  failedAttempts: number;
  stop(): void;
}

/** Listens to `/api/events` with a session cookie; reconnects 200 ms after the stream ends, sending the last id seen. */
export function watchEvents(url: string, cookie: string): EventWatcher {
  const w: EventWatcher = { created: new Set(), reconnects: 0, failedAttempts: 0, stop: () => undefined };
  let opened = 0;
  const abort = new AbortController();
  let stopped = false;
  let lastId: string | undefined;
  w.stop = () => {
    stopped = true;
    abort.abort();
  };
  const frame = (text: string) => {
    let event = 'message';
    let data = '';
    for (const line of text.split('\n')) {
      if (line.startsWith('id: ')) lastId = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (event === 'case.created' && data) w.created.add((JSON.parse(data) as { id: number }).id);
  };
  const connect = async () => {
    while (!stopped) {
      try {
        const headers: Record<string, string> = { cookie, accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) };
        const res = await fetch(`${url}/api/events`, { headers, signal: abort.signal });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        opened += 1;
        if (opened > 1) w.reconnects += 1;
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // the worker died mid-stream, no worker took the connection, or the watcher was stopped
        if (!stopped) w.failedAttempts += 1;
      }
      if (stopped) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  void connect();
  return w;
}
