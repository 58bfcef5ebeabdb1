import { useFetcher } from '@remix-run/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import { errorText } from '~/i18n/error-text';
import type * as Y from 'yjs';
import { serverNow } from '~/collab/use-server-now';
import { addAction, removeAction } from '~/model/action-items';
import { addAmendment, decideAmendment } from '~/model/amendments';
import { addProposal, editProposal, setOutcome } from '~/model/proposals';
import { CHOICES, METHODS, OUTCOMES, ProposalError, SCALES, type Method, type Outcome, type Proposal, type Scale } from '~/model/proposal-shape';
import { setConsensus, setHandCount, setTemperature } from '~/model/counts';
import { Button } from './ui/button';
import { Input } from './ui/field';
import { ApplySelect } from './apply-select';
import { Tally } from './tally';
import { showProposal } from '~/model/proposal-edits';
import { DecisionRuleForm } from './decision-rule-form';
import { ProposalTextEditor } from './proposal-text-editor';
import { SuggestionBox } from './suggestion-box';

/**
 * Proposals on the current agenda item: text, amendments, how the room decides, outcome, actions.
 * `shownId`: the proposal the projector and phones show ([D13]); `eligible`: voting codes issued
 * and not withdrawn (null when none), for a quorum of eligible voters.
 */
export function ProposalsPanel({
  doc,
  itemId,
  proposals,
  shownId = null,
  eligible = null,
}: {
  doc: Y.Doc;
  itemId: string;
  proposals: Proposal[];
  shownId?: string | null;
  eligible?: number | null;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const guard = (fn: () => void) => {
    try {
      fn();
      setError(null);
      return true;
    } catch (err) {
      if (!(err instanceof ProposalError)) throw err;
      setError(errorText(t, err));
      return false;
    }
  };
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    if (guard(() => addProposal(doc, { itemId, text: String(form.get('text') ?? ''), by: String(form.get('by') ?? '') }, serverNow()))) target.reset();
  };
  return (
    <div className="grid gap-4" data-testid="proposals-panel">
      {proposals.map((p) => (
        <ProposalCard key={p.id} doc={doc} proposal={p} guard={guard} shown={p.id === shownId} eligible={eligible} />
      ))}
      {error ? (
        <p role="alert" className="font-semibold text-red-800">
          {error}
        </p>
      ) : null}
      <form onSubmit={add} className="grid gap-2 rounded-lg border-2 border-stone-300 p-3" aria-label={t('proposals.add')}>
        <h3 className="font-black">{t('proposals.add')}</h3>
        <label className="font-bold" htmlFor="proposal-text">
          {t('proposals.text')}
        </label>
        <textarea dir="auto" id="proposal-text" name="text" rows={2} maxLength={2000} className="rounded-lg border-2 border-stone-500 px-3 py-2 text-lg" />
        <label className="font-bold" htmlFor="proposal-by">
          {t('proposals.by')}
        </label>
        <Input id="proposal-by" name="by" maxLength={100} />
        <Button type="submit" className="justify-self-start">
          {t('proposals.addButton')}
        </Button>
      </form>
    </div>
  );
}

function NumberField({ label, name, value }: { label: string; name: string; value: number }) {
  return (
    <label className="grid gap-1 font-bold">
      {label}
      <Input name={name} inputMode="numeric" defaultValue={String(value)} key={value} className="w-28" />
    </label>
  );
}

function ProposalCard({
  doc,
  proposal: p,
  guard,
  shown,
  eligible,
}: {
  doc: Y.Doc;
  proposal: Proposal;
  guard: (fn: () => void) => boolean;
  shown: boolean;
  eligible: number | null;
}) {
  const { t, i18n } = useTranslation();
  const closer = useFetcher<{ error?: string }>();
  // Opening is a server command too: only the server writes a proposal's vote (ADR 014).
  const opener = useFetcher<{ error?: string }>();
  const numbers = (form: FormData, names: readonly string[]) => names.map((n) => Number(form.get(n)));
  const saveCounts = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (p.method === 'hands') {
      const [yes, no, abstain] = numbers(form, CHOICES);
      guard(() => setHandCount(doc, p.id, { for: yes, against: no, abstain }));
    } else if (p.method === 'consensus') {
      const [blocks, asides] = numbers(form, ['blocks', 'standAsides']);
      guard(() => setConsensus(doc, p.id, blocks, asides));
    } else if (p.method === 'temperature') {
      guard(() =>
        setTemperature(
          doc,
          p.id,
          numbers(
            form,
            p.temperature.map((_, i) => `point${i}`),
          ),
        ),
      );
    }
  };
  const addSub = (fn: (form: FormData) => void) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const target = e.currentTarget;
    const ok = guard(() => fn(new FormData(target)));
    if (ok) target.reset();
  };

  return (
    <section className={`rounded-lg border-4 p-3 ${shown ? 'border-amber-500' : 'border-stone-300'}`} data-testid="proposal" aria-label={p.text}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {shown ? (
          <p className="rounded bg-amber-200 px-2 py-1 text-sm font-black uppercase" data-testid="on-projector">
            {t('decision.onProjector')}
          </p>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => guard(() => showProposal(doc, p.id))} data-testid="show-proposal">
            {t('decision.show')}
          </Button>
        )}
        {p.revisions.length ? (
          <span className="rounded bg-amber-200 px-2 text-sm font-black uppercase" data-testid="amended">
            {t('decision.amended')}
          </span>
        ) : null}
      </div>
      <p dir="auto" className="mt-1 text-lg font-black">
        {p.text}
      </p>
      <ProposalTextEditor doc={doc} proposal={p} guard={guard} />
      {p.by ? <p className="text-sm">{t('minutes.broughtBy', { name: p.by })}</p> : null}

      <h4 className="mt-3 font-bold">{t('proposals.amendments')}</h4>
      <ul className="grid gap-1">
        {p.amendments.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2">
            <span dir="auto" className={a.accepted === false ? 'line-through' : ''}>
              {a.text}
            </span>
            {a.accepted !== null ? <span className="text-sm font-semibold">({t(a.accepted ? 'proposals.accepted' : 'proposals.rejected')})</span> : null}
            {/* Put to a phone vote: what the room voted on stays as it was ([F2]). */}
            {p.vote.open || p.vote.closed ? null : (
              <>
                <Button size="sm" variant="secondary" onClick={() => guard(() => decideAmendment(doc, p.id, a.id, true))}>
                  {t('proposals.accept')}
                </Button>
                <Button size="sm" variant="secondary" onClick={() => guard(() => decideAmendment(doc, p.id, a.id, false))}>
                  {t('proposals.reject')}
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      {p.vote.open || p.vote.closed ? null : (
        <form
          onSubmit={addSub((f) => addAmendment(doc, p.id, { text: String(f.get('text')), by: String(f.get('by') ?? '') }, serverNow()))}
          className="mt-1 flex flex-wrap items-end gap-2"
        >
          <label className="grid min-w-0 flex-1 gap-1 text-sm font-bold">
            {t('proposals.amendment')}
            <Input name="text" maxLength={2000} />
          </label>
          <label className="grid w-48 gap-1 text-sm font-bold">
            {t('proposals.by')}
            <Input name="by" maxLength={100} />
          </label>
          <Button size="sm" type="submit" variant="secondary">
            {t('proposals.addAmendment')}
          </Button>
        </form>
      )}

      <div className="mt-3 flex flex-wrap items-end gap-3">
        <ApplySelect
          label={t('proposals.method')}
          value={p.method}
          disabled={p.vote.open || p.vote.closed}
          applyLabel={t('choice.set')}
          applyName={t('choice.setMethod')}
          onApply={(v) => guard(() => editProposal(doc, p.id, { method: v as Method }))}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`proposals.methods.${m}`)}
            </option>
          ))}
        </ApplySelect>
        {p.method === 'temperature' ? (
          <ApplySelect
            label={t('proposals.scale')}
            value={p.scale}
            applyLabel={t('choice.set')}
            applyName={t('choice.setScale')}
            onApply={(v) => guard(() => editProposal(doc, p.id, { scale: v as Scale }))}
          >
            {SCALES.map((s) => (
              <option key={s} value={s}>
                {t(`proposals.scaleNames.${s}`)}
              </option>
            ))}
          </ApplySelect>
        ) : null}
      </div>

      {p.method === 'temperature' ? null : <DecisionRuleForm doc={doc} proposal={p} guard={guard} eligible={eligible} />}

      {p.method === 'phone' || p.vote.open ? (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {p.vote.interrupted ? (
            <p role="status" className="w-full font-semibold text-red-800" data-testid="vote-interrupted">
              {t('voting.interruptedConsole')}
            </p>
          ) : null}
          {!p.vote.open && !p.vote.closed ? (
            <opener.Form method="post">
              <input type="hidden" name="intent" value="open-vote" />
              <input type="hidden" name="proposalId" value={p.id} />
              <Button type="submit" disabled={opener.state !== 'idle'}>
                {t('proposals.openVote')}
              </Button>
            </opener.Form>
          ) : null}
          {p.vote.open ? (
            <closer.Form method="post">
              <input type="hidden" name="intent" value="close-vote" />
              <input type="hidden" name="proposalId" value={p.id} />
              <Button type="submit" disabled={closer.state !== 'idle'}>
                {t('proposals.closeVote')}
              </Button>
            </closer.Form>
          ) : null}
          <span className="font-bold" data-testid="votes-cast">
            {t('proposals.cast', { count: p.vote.cast })}
          </span>
          {p.vote.closed ? <Tally proposal={p} /> : null}
          {[closer.data?.error, opener.data?.error].map((e) =>
            e ? (
              <p key={e} role="alert" className="w-full font-semibold text-red-800">
                {t(e)}
              </p>
            ) : null,
          )}
        </div>
      ) : (
        <form onSubmit={saveCounts} className="mt-3 flex flex-wrap items-end gap-3" aria-label={t('proposals.counts')}>
          {p.method === 'hands'
            ? CHOICES.map((c) => <NumberField key={c} name={c} label={t(`proposals.choices.${c}`)} value={p.counts[c]} />)
            : p.method === 'consensus'
              ? [
                  <NumberField key="b" name="blocks" label={t('proposals.blocks')} value={p.blocks} />,
                  <NumberField key="s" name="standAsides" label={t('proposals.standAsides')} value={p.standAsides} />,
                ]
              : p.temperature.map((c, i) => <NumberField key={`${p.scale}-${i}`} name={`point${i}`} label={t(`proposals.scales.${p.scale}.${i}`)} value={c} />)}
          <Button type="submit" variant="secondary">
            {t('proposals.saveCounts')}
          </Button>
        </form>
      )}

      {/* What the counts suggest, and why, just above where the facilitator records it ([D10]). */}
      {p.outcome ? null : (
        <div className="mt-3">
          <SuggestionBox proposal={p} eligible={eligible} />
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <ApplySelect
          label={t('proposals.outcome')}
          value={p.outcome ?? ''}
          disabled={p.vote.open}
          applyLabel={t('choice.record')}
          applyName={t('choice.recordOutcome')}
          onApply={(v) => guard(() => setOutcome(doc, p.id, (v || null) as Outcome | null, serverNow()))}
          data-testid="outcome"
        >
          <option value="">{t('proposals.undecided')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`proposals.outcomes.${o}`)}
            </option>
          ))}
        </ApplySelect>
      </div>

      <h4 className="mt-3 font-bold">{t('proposals.actions')}</h4>
      <ul className="grid gap-1" data-testid="actions">
        {p.actions.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2">
            <span>
              {a.what}
              {a.who ? ` — ${a.who}` : ''}
              {a.due
                ? ` — ${t('minutes.due', { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${a.due}T00:00Z`)) })}`
                : ''}
            </span>
            <Button size="sm" variant="danger" onClick={() => guard(() => removeAction(doc, p.id, a.id))}>
              {t('proposals.remove')}
            </Button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={addSub((f) =>
          addAction(doc, p.id, { what: String(f.get('what')), who: String(f.get('who') ?? ''), due: String(f.get('due') ?? '') }, serverNow()),
        )}
        className="mt-1 flex flex-wrap items-end gap-2"
      >
        <label className="grid min-w-0 flex-1 gap-1 text-sm font-bold">
          {t('proposals.what')}
          <Input name="what" maxLength={300} />
        </label>
        <label className="grid w-56 gap-1 text-sm font-bold">
          {t('proposals.who')}
          <Input name="who" maxLength={100} />
        </label>
        <label className="grid w-56 gap-1 text-sm font-bold">
          {t('proposals.due')}
          <Input name="due" type="date" />
        </label>
        <Button size="sm" type="submit" variant="secondary">
          {t('proposals.addAction')}
        </Button>
      </form>
    </section>
  );
}
