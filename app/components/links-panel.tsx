import { Form, useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root';
import { useEffect, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { formatInstant } from '~/i18n/format';
import type { AgendaItem } from '~/model/agenda';
import { MAX_TABLES } from '~/model/breakouts';
import { ROLES, type LinkSummary, type Role } from '~/services';
import { ConfirmButton } from './confirm-button';
import { questionText } from './confirm-prompt';
import { CopyField } from './copy-field';
import { Button } from './ui/button';
import { Field, Input, Select } from './ui/field';

/** A link made on this visit, shown once with its QR code. */
export interface MintedLinkView {
  url: string;
  role: Role;
  scope: string | null;
  label: string | null;
  qr: string;
}

/**
 * The console's links: the join link and its QR code, links made on this visit, the form that
 * makes one, and every link with its revoke button (which asks first, [H10]). After each link the
 * form starts empty again ([H11]): no tick or label carries over to the next link.
 */
export function LinksPanel({
  agenda,
  links,
  join,
  minted,
  error,
  timeZone = 'UTC',
}: {
  agenda: AgendaItem[];
  /** The assembly's zone, for when each link was made ([L34]). */
  timeZone?: string;
  links: LinkSummary[];
  join: { url: string; qr: string } | null;
  /** The link the last submission made, if it made one. */
  minted: MintedLinkView | null;
  error: string | null;
}) {
  const { t, i18n } = useTranslation();
  const languages = useRouteLoaderData<typeof rootLoader>('root')?.languages ?? [];
  const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
  // Every link made during this visit stays on screen (newest first) until the page is left:
  // making a second one must not hide the first before it was copied.
  const [mintedAll, setMintedAll] = useState<MintedLinkView[]>([]);
  // Bumped after each link made: the form is drawn afresh, with its defaults ([H11]). A refused
  // submission keeps what was typed.
  const [formRound, setFormRound] = useState(0);
  useEffect(() => {
    if (!minted) return;
    setMintedAll((all) => (all.some((m) => m.url === minted.url) ? all : [minted, ...all]));
    setFormRound((n) => n + 1);
  }, [minted]);
  const shown = mintedAll.length > 0 ? mintedAll : minted ? [minted] : [];
  // The assembly's zone on both sides, so the server's render and the browser's agree.
  const dateFormat = { format: (at: number | Date) => formatInstant(i18n.language, Number(at), timeZone, 'date-time') };

  return (
    <div>
      <p className="text-stone-800">{t('console.linksIntro')}</p>
      {join ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-[1fr_12rem]">
          <div>
            <h3 className="font-bold">{t('console.joinLink')}</h3>
            <p className="text-sm text-stone-700">{t('console.joinLinkHint')}</p>
            <CopyField value={join.url} label={t('console.joinLink')} />
          </div>
          <div className="w-48 border-2 border-stone-300" data-testid="join-qr" dangerouslySetInnerHTML={{ __html: join.qr }} />
        </div>
      ) : null}
      {shown.map((m) => (
        <div key={m.url} className="mt-6 rounded-lg border-4 border-amber-400 p-4" data-testid="minted-link">
          <h3 className="font-black">{t('console.newLink')}</h3>
          <p className="font-semibold">
            {t(`roles.${m.role}`)}
            {m.scope ? ' · ' : ''}
            {m.scope ? <ScopeName role={m.role} scope={m.scope} label={null} name={languageName} /> : null}
            {m.label ? ` · ${m.label}` : ''}
          </p>
          <CopyField value={m.url} label={t('console.newLink')} />
          <div className="mt-3 w-48" dangerouslySetInnerHTML={{ __html: m.qr }} />
        </div>
      ))}
      {error ? (
        <p role="alert" className="mt-4 font-semibold text-red-800">
          {t(error)}
        </p>
      ) : null}
      <h3 className="mt-6 text-lg font-black">{t('console.mint')}</h3>
      <Form key={formRound} method="post" className="mt-2 grid gap-x-4 sm:grid-cols-3" data-testid="mint-form">
        <input type="hidden" name="intent" value="mint" />
        <Field id="role" label={t('console.role')}>
          {({ id }) => (
            <Select id={id} name="role" defaultValue="stack-keeper">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="scopeItem" label={t('console.group')} hint={t('console.groupHint')}>
          {({ id, describedBy }) => (
            <Select id={id} name="scopeItem" defaultValue="" aria-describedby={describedBy}>
              <option value="">{t('console.groupNone')}</option>
              <option value="plenary">{t('console.groupPlenary')}</option>
              {agenda
                .filter((i) => i.kind === 'breakout')
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    <span dir="auto">{i.title}</span>
                  </option>
                ))}
            </Select>
          )}
        </Field>
        <Field id="table" label={t('console.table')} hint={t('console.tableHint')}>
          {({ id, describedBy }) => <Input id={id} name="table" type="number" min={1} max={MAX_TABLES} defaultValue="1" aria-describedby={describedBy} />}
        </Field>
        <Field id="language" label={t('console.language')} hint={t('console.languageHint')}>
          {({ id, describedBy }) => (
            <Select id={id} name="language" defaultValue="" aria-describedby={describedBy}>
              <option value="">{t('console.languageNone')}</option>
              {languages.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="label" label={t('console.label')} hint={t('console.labelHint')}>
          {({ id, describedBy }) => <Input id={id} name="label" maxLength={100} aria-describedby={describedBy} />}
        </Field>
        <label className="mb-4 flex min-h-11 items-center gap-2 font-bold sm:col-span-3">
          <input type="checkbox" name="voiceOnly" className="h-5 w-5" />
          {t('console.voiceOnly')}
        </label>
        <Button type="submit" className="sm:col-span-3 sm:justify-self-start">
          {t('console.create')}
        </Button>
      </Form>
      <ul className="mt-6 divide-y-2 divide-stone-200" data-testid="link-list">
        {links.map((link) => (
          <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-bold">
                {t(`roles.${link.role}`)}
                {link.scope ? ' · ' : ''}
                {link.scope ? <ScopeName role={link.role} scope={link.scope} label={link.label} name={languageName} /> : null}
                {link.role === 'attendee' && !link.canVote ? ` · ${t('console.voiceOnly')}` : ''}
              </p>
              <p className="text-sm text-stone-700">
                {link.label ?? (link.url ? t('console.joinLink') : t('console.noLabel'))} ·{' '}
                {t('console.created', { date: dateFormat.format(new Date(link.createdAt)) })}
              </p>
              {link.joinCode && link.revokedAt === null ? (
                <p className="text-sm font-semibold" data-testid="link-join-code">
                  {t('console.joinCode', { code: link.joinCode })}
                </p>
              ) : null}
            </div>
            {link.revokedAt ? (
              <span className="font-bold text-stone-600">{t('console.revoked')}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="linkId" value={link.id} />
                <ConfirmButton
                  ask={() => questionText(t, { intent: 'revoke', linkId: link.id, role: link.role, label: link.label ?? link.scope })}
                  confirmLabel={t('confirm.revokeYes')}
                >
                  {t('console.revoke')}
                </ConfirmButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a scoped link is for: an interpreter's language in its own name (and script), a note-taker's group. */
function ScopeName({ role, scope, label, name }: { role: Role; scope: string; label: string | null; name: (code: string) => string }) {
  if (role === 'interpreter') {
    return (
      <span lang={scope} dir="auto">
        {name(scope)}
      </span>
    );
  }
  return <span dir="auto">{label ?? scope}</span>;
}
