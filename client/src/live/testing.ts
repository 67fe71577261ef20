import type { EventSourceLike } from './liveHub';

/** An event source a test drives by hand: open it, push events into it, fail it. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  constructor(readonly url = '/api/events') {}
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  /** The server accepted the stream. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  /** An event with `data` sent as JSON and the event id `id`. */
  emit(type: string, id: string, data: unknown): void {
    this.emitText(type, JSON.stringify(data), id);
  }
  /** An event whose data is `text` as it stands (e.g. not JSON). */
  emitText(type: string, text: string, id = ''): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data: text, lastEventId: id }));
  }
  /** The stream failed: `closed` when the server closed it for good, else the browser reconnects by itself. */
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}
