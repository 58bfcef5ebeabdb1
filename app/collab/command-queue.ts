/**
 * The phone's outbox ([N1], [N2]). A tap (raise a hand, vote, sit at a table) becomes a command
 * with an id of its own and waits here until the server has answered it. On hall wifi the
 * network drops for seconds at a time: a command that cannot be sent waits and is sent when the
 * network is back, and because it carries its id, a send whose answer was lost is done once
 * however often it is sent again. The page never leaves for an error page.
 *
 * Kept in sessionStorage, so a reload while offline does not lose a tap; answered in order, so a
 * withdrawal never overtakes the hand it withdraws.
 */
import { randomCommandId } from '~/utils/command-id';

export interface QueuedCommand {
  id: string;
  fields: [string, string][];
}

/** `waiting`: the last send failed (no network, or the server asked to try again later). */
export type OutboxPhase = 'idle' | 'sending' | 'waiting';

export interface OutboxState {
  phase: OutboxPhase;
  /** Commands not yet answered. */
  queued: number;
  /** The last command the server refused for good: its intent and the i18n key of why. */
  refused: { intent: string; error: string } | null;
}

export interface Answer<P> {
  ok: boolean;
  error?: string;
  phone?: P | null;
}

/** `AbortSignal.timeout` where the phone has it (older Safari does not). */
function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Retries after a failed send: soon at first, then every 8 s at most (and at once when online). */
const BACKOFF_MS = [1000, 2000, 4000, 8000];
/** A send that has not been answered in this time is given up and tried again (same id). */
const SEND_TIMEOUT_MS = 10_000;
const MAX_QUEUED = 20;

export class CommandQueue<P> {
  private items: QueuedCommand[];
  private state: OutboxState;
  private readonly listeners = new Set<() => void>();
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly onAnswered: (phone: P) => void,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null,
    private readonly storageKey = `plenary:outbox:${url}`,
    private readonly send: Fetch = (u, init) => fetch(u, init),
  ) {
    this.items = this.load();
    this.state = { phase: 'idle', queued: this.items.length, refused: null };
  }

  /** Queues a form's fields as one command with a fresh id, and sends what is queued. */
  submit(fields: [string, string][]): void {
    if (this.items.length >= MAX_QUEUED) return;
    const command = { id: randomCommandId(), fields: fields.filter(([k]) => k !== 'commandId') };
    this.items.push(command);
    this.save();
    this.set({ queued: this.items.length, refused: null });
    this.nudge();
  }

  /** Sends now (the network is back, the live connection reconnected), not at the next retry. */
  nudge(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): OutboxState => this.state;

  private async flush(): Promise<void> {
    if (this.sending || this.stopped) return;
    this.sending = true;
    try {
      while (this.items.length > 0 && !this.stopped) {
        this.set({ phase: 'sending' });
        const command = this.items[0];
        const retryAfterMs = await this.sendOne(command);
        if (retryAfterMs !== null) {
          this.failures++;
          this.set({ phase: 'waiting' });
          this.timer = setTimeout(() => this.nudge(), retryAfterMs);
          return;
        }
        this.failures = 0;
        this.items.shift();
        this.save();
        this.set({ queued: this.items.length });
      }
      this.set({ phase: 'idle' });
    } finally {
      this.sending = false;
    }
  }

  /** Sends one command: null once it is answered for good, else how long to wait before trying again. */
  private async sendOne(command: QueuedCommand): Promise<number | null> {
    const backoff = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
    let response: Response;
    try {
      const body = new URLSearchParams(command.fields);
      body.set('commandId', command.id);
      response = await this.send(this.url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        signal: timeoutSignal(SEND_TIMEOUT_MS),
      });
    } catch {
      return backoff;
    }
    if (response.status === 429 || response.status >= 500) {
      const after = Number(response.headers.get('Retry-After'));
      return Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : backoff;
    }
    const answer = (await response.json().catch(() => null)) as Answer<P> | null;
    // Not our JSON (a captive portal, a proxy's page): the command has not reached us.
    if (!answer || typeof answer.ok !== 'boolean') return backoff;
    if (answer.phone) this.onAnswered(answer.phone);
    if (!answer.ok) {
      const intent = command.fields.find(([k]) => k === 'intent')?.[1] ?? '';
      this.set({ refused: { intent, error: typeof answer.error === 'string' ? answer.error : 'stack.errors.invalid' } });
    }
    return null;
  }

  private set(change: Partial<OutboxState>): void {
    const next = { ...this.state, ...change };
    if (next.phase === this.state.phase && next.queued === this.state.queued && next.refused === this.state.refused) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private load(): QueuedCommand[] {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter(
          (c): c is QueuedCommand =>
            typeof c?.id === 'string' &&
            Array.isArray(c.fields) &&
            c.fields.every((f: unknown) => Array.isArray(f) && f.length === 2 && f.every((x) => typeof x === 'string')),
        )
        .slice(0, MAX_QUEUED);
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      if (this.items.length === 0) this.storage?.removeItem(this.storageKey);
      else this.storage?.setItem(this.storageKey, JSON.stringify(this.items));
    } catch {
      // Private mode or a full storage: the outbox still works for this page's life.
    }
  }
}
