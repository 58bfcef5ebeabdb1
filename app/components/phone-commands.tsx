import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormHTMLAttributes, type ReactNode } from 'react';
import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { CommandQueue, type OutboxState } from '~/collab/command-queue';
import type { ConnectionStatus } from '~/collab/use-doc';

/** What only the server can tell a phone about itself (its hands, seat, ballots, voting right). */
export interface PhoneState {
  mine: string[];
  seatKey: string | null;
  voted: string[];
  hasRight: boolean;
}

interface PhoneCommands {
  submit(form: HTMLFormElement, submitter: HTMLElement | null): void;
  outbox: OutboxState;
  /** The command id a form carries when it is posted without JavaScript. */
  plainId(form: string): string;
}

const Commands = createContext<PhoneCommands | null>(null);

const IDLE: OutboxState = { phase: 'idle', queued: 0, refused: null };

/**
 * The attendee page's commands ([N1], [N2]): with JavaScript every form goes through the outbox
 * (sent, or kept until the network is back, never an error page); the phone's own state comes
 * back with each answer and is asked for again after a reconnection or when a round starts.
 */
export function usePhoneCommands(
  assemblyId: string,
  fromLoader: PhoneState,
  commandSeed: string,
  status: ConnectionStatus,
  roundItemId: string | null,
): { provide: (children: ReactNode) => ReactNode; phone: PhoneState; outbox: OutboxState } {
  const [phone, setPhone] = useState(fromLoader);
  // New loader data (a navigation, a plain post) is newer than what the outbox heard.
  useEffect(() => setPhone(fromLoader), [fromLoader]);

  const [queue, setQueue] = useState<CommandQueue<PhoneState> | null>(null);
  useEffect(() => {
    const q = new CommandQueue<PhoneState>(`/a/${assemblyId}/command`, setPhone, sessionStorage);
    setQueue(q);
    q.nudge();
    const online = () => q.nudge();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      q.stop();
    };
  }, [assemblyId]);
  const outbox = useSyncExternalStore(queue?.subscribe ?? noSubscribe, queue?.getState ?? idle, idle);

  // Back from a drop: send what waits now, and ask what changed for this phone meanwhile. The
  // first connection of a page just made need not ask: the page brought this phone's state
  // (a hall joining at once saves a request each, [PF25]); one that comes later (the page loaded
  // while the socket could not connect) asks.
  const wasLive = useRef(status === 'connected');
  const everLive = useRef(wasLive.current);
  useEffect(() => {
    const live = status === 'connected';
    if (live && !wasLive.current) {
      queue?.nudge();
      // performance.now() counts from when the browser asked for the page, before the server made
      // it: slow scripts on hall wifi count too, and the phone's clock cannot jump it.
      if (asksOwnState(everLive.current, performance.now())) void refresh(assemblyId, setPhone);
      everLive.current = true;
    }
    wasLive.current = live;
  }, [status, queue, assemblyId]);
  // A round that starts after the page loaded: the seat key is the server's to tell.
  const seenRound = useRef(roundItemId);
  useEffect(() => {
    if (roundItemId === seenRound.current) return;
    seenRound.current = roundItemId;
    if (roundItemId) void refresh(assemblyId, setPhone);
  }, [roundItemId, assemblyId]);

  const value = useMemo<PhoneCommands>(
    () => ({
      outbox,
      plainId: (form) => `${commandSeed}-${form}`.slice(0, 64),
      submit(form, submitter) {
        if (!queue) return;
        const fields: [string, string][] = [];
        for (const [key, v] of new FormData(form)) if (typeof v === 'string') fields.push([key, v]);
        // FormData(form) leaves out the button pressed (older phones cannot be told which).
        if (submitter instanceof HTMLButtonElement && submitter.name) fields.push([submitter.name, submitter.value]);
        queue.submit(fields);
      },
    }),
    [outbox, commandSeed, queue],
  );
  return { provide: (children) => <Commands.Provider value={value}>{children}</Commands.Provider>, phone, outbox };
}

/** How long a page's own state counts as current for its first connection ([PF25]). */
export const FRESH_PAGE_MS = 10_000;

/**
 * Whether a connection that just went live asks for this phone's own state ([PF25]): always when
 * it was live before (back from a drop), and on the first connection only when the page was asked
 * for more than FRESH_PAGE_MS ago (`sinceAsked`: ms since the browser asked for the page).
 */
export function asksOwnState(wasLiveBefore: boolean, sinceAsked: number): boolean {
  return wasLiveBefore || sinceAsked > FRESH_PAGE_MS;
}

const noSubscribe = () => () => {};
const idle = () => IDLE;

async function refresh(assemblyId: string, setPhone: (p: PhoneState) => void): Promise<void> {
  try {
    const response = await fetch(`/a/${assemblyId}/command`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const body = (await response.json()) as { phone?: PhoneState };
    if (body.phone) setPhone(body.phone);
  } catch {
    // Offline again: the next reconnection asks again.
  }
}

/**
 * A phone's command form: a plain post without JavaScript (with this page's command id, so a
 * double tap is one command), the outbox with it.
 */
export function CommandForm({
  name,
  children,
  action,
  ...rest
}: { name: string; children: ReactNode; action?: string } & Pick<FormHTMLAttributes<HTMLFormElement>, 'className' | 'aria-label' | 'aria-labelledby'> & {
    'data-testid'?: string;
  }) {
  const commands = useContext(Commands);
  // Outside the attendee page (the personal voting-code page, which posts to itself) it is the
  // plain Remix form it was.
  if (!commands || action) {
    return (
      <Form method="post" action={action} {...rest}>
        {children}
      </Form>
    );
  }
  return (
    <form
      method="post"
      {...rest}
      onSubmit={(event) => {
        event.preventDefault();
        // Buttons say they are busy (aria-disabled keeps focus on them) rather than being disabled.
        if (commands.outbox.queued > 0) return;
        commands.submit(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter ?? null);
      }}
    >
      <input type="hidden" name="commandId" value={commands.plainId(name)} />
      {children}
    </form>
  );
}

/** Whether a command is on its way (buttons wait, so a second tap is not a second command). */
export function useCommandBusy(): boolean {
  const commands = useContext(Commands);
  const navigating = useNavigation().state === 'submitting';
  return navigating || (commands !== null && commands.outbox.queued > 0);
}

/** The refusal of the last command of one of `intents`, as an i18n key. */
export function useCommandRefusal(intents: string[]): string | null {
  const refused = useContext(Commands)?.outbox.refused;
  return refused && intents.includes(refused.intent) ? refused.error : null;
}

/**
 * What the outbox is doing, said plainly ([N2]): nothing when all is sent; "sending" only once a
 * send takes a moment; and when the network is gone, that the tap is kept and will be sent.
 */
export function OutboxNotice({ outbox }: { outbox: OutboxState }) {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (outbox.phase !== 'sending') return setSlow(false);
    const timer = setTimeout(() => setSlow(true), 800);
    return () => clearTimeout(timer);
  }, [outbox.phase]);
  const text = outbox.phase === 'waiting' ? t('outbox.waiting', { count: outbox.queued }) : outbox.phase === 'sending' && slow ? t('outbox.sending') : '';
  return (
    <p
      role="status"
      data-testid="outbox"
      data-phase={outbox.phase}
      className={text ? 'rounded-xl border-4 border-amber-500 bg-amber-50 p-3 font-bold' : 'sr-only'}
    >
      {text}
    </p>
  );
}
