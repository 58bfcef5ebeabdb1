/**
 * The minutes draft, assembled from the assembly itself: items in order with the time they took,
 * plenary notes, breakout report-backs, proposals with their method, counts and outcome, action
 * items, attendance. Markdown, in the facilitator's language (`t`). Names of proposers, of people
 * who moved amendments and of speakers are left out unless `includeNames` (action items keep
 * their "who": a task needs a holder, and it is often a group).
 */
import { usedMinutes, type AgendaItem } from './agenda.js';
import type { AssemblyMeta } from './meta.js';
import { showsCounts } from './counts.js';
import { type Proposal } from './proposal-shape.js';
import { suggestion } from './decision-suggest.js';
import { describeQuorum, describeThreshold, explainQuorum } from './decision-text.js';
import type { SpeakerHistory } from './stack.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface MinutesInput {
  meta: AssemblyMeta;
  agenda: AgendaItem[];
  currentItemId: string | null;
  now: number;
  /** Plenary notes per agenda item, as Markdown. */
  notes: Record<string, string>;
  /** Breakout report-backs per agenda item: table name and text. */
  reportBacks: Record<string, { table: string; text: string }[]>;
  proposals: Proposal[];
  attendance: number | null;
  speakers: SpeakerHistory[];
  includeNames: boolean;
  /** Eligible voters now (voting codes issued, not withdrawn), for a quorum of them; null if none. */
  eligible?: number | null;
}

const plural = (t: Translate, key: string, count: number) => t(key, { count });

function proposalLines(t: Translate, p: Proposal, includeNames: boolean, eligible: number | null): string[] {
  // The text as decided ([D7]); when it was edited, what it said first.
  const out: string[] = [`### ${t('minutes.proposal')}: ${p.text}`];
  if (p.revisions.length) out.push(t('decision.minutesOriginal', { text: p.revisions[0].text }));
  if (includeNames && p.by) out.push(t('minutes.broughtBy', { name: p.by }));
  for (const a of p.amendments) {
    const status = a.accepted === null ? t('minutes.amendmentOpen') : a.accepted ? t('minutes.amendmentAccepted') : t('minutes.amendmentRejected');
    out.push(`- ${t('minutes.amendment')}: ${a.text} (${status}${includeNames && a.by ? `, ${a.by}` : ''})`);
  }
  const method = t(`proposals.methods.${p.method}`);
  if (p.method === 'phone' && !showsCounts(p)) {
    // No closed vote produced these counts: they are no result ([V13]).
    out.push(`${t('minutes.decidedBy', { method })}: ${t('minutes.noPhoneResult')}`);
  } else if (p.method === 'hands' || p.method === 'phone') {
    out.push(
      `${t('minutes.decidedBy', { method })}: ${t('proposals.choices.for')} ${p.counts.for}, ${t('proposals.choices.against')} ${p.counts.against}, ${t('proposals.choices.abstain')} ${p.counts.abstain}`,
    );
  } else if (p.method === 'consensus') {
    out.push(`${t('minutes.decidedBy', { method })}: ${plural(t, 'minutes.blocks', p.blocks)}, ${plural(t, 'minutes.standAsides', p.standAsides)}`);
  } else {
    const points = p.temperature.map((c, i) => `${t(`proposals.scales.${p.scale}.${i}`)} ${c}`).join(', ');
    out.push(`${t('minutes.decidedBy', { method })}: ${points}`);
  }
  if (p.method !== 'temperature') {
    // The rule it was decided by, and whether the quorum was met ([D11]).
    out.push(`- ${t('decision.minutesThreshold', { rule: describeThreshold(t, p.rule) })}`);
    if (p.rule.quorum !== 'none') {
      const q = suggestion(p, eligible)?.quorum;
      out.push(`- ${describeQuorum(t, p.rule)}${q ? ` — ${explainQuorum(t, q, p.rule)}` : ''}`);
    }
  }
  out.push('', `**${t('minutes.outcome')}: ${p.outcome ? t(`proposals.outcomes.${p.outcome}`) : t('minutes.undecided')}**`);
  if (p.actions.length) {
    out.push('', `#### ${t('minutes.actions')}`);
    for (const a of p.actions) out.push(`- ${a.what}${a.who ? ` — ${a.who}` : ''}${a.due ? ` — ${t('minutes.due', { date: a.due })}` : ''}`);
  }
  return out;
}

export function draftMinutes(t: Translate, input: MinutesInput): string {
  const { meta } = input;
  const out: string[] = [`# ${meta.title}`];
  // The start time as typed, named with its zone ("2026-05-01 18:00 (America/Chicago)", [L35]):
  // the IANA name, which means the same in every language and every year.
  const start = meta.startsAt ? `${meta.startsAt.replace('T', ' ')}${meta.timeZone ? ` (${meta.timeZone})` : ''}` : null;
  const facts = [start, meta.place, meta.languages.length ? meta.languages.map((l) => t(`languages.${l}`)).join(', ') : null].filter(Boolean);
  if (facts.length) out.push('', facts.join(' · '));
  if (input.attendance !== null) out.push('', plural(t, 'minutes.attendance', input.attendance));

  // Grouped once: a proposal per item lookup, not a scan of every proposal for every item.
  const proposalsOf = new Map<string, Proposal[]>();
  for (const p of input.proposals) {
    const list = proposalsOf.get(p.itemId);
    if (list) list.push(p);
    else proposalsOf.set(p.itemId, [p]);
  }

  input.agenda.forEach((item, i) => {
    const used = Math.round(usedMinutes(item, item.id === input.currentItemId, input.now));
    out.push('', `## ${i + 1}. ${item.title}`);
    const reached = item.startedAt !== null || item.usedMs > 0;
    out.push(item.status === 'skipped' ? t('minutes.skipped') : reached ? t('minutes.took', { used, planned: item.minutes }) : t('minutes.notReached'));
    const notes = input.notes[item.id]?.trim();
    if (notes) out.push('', notes);
    const reports = input.reportBacks[item.id] ?? [];
    if (reports.length) {
      out.push('', `### ${t('minutes.reportBacks')}`);
      for (const r of reports) out.push(`- **${t('breakout.table', { number: r.table })}**: ${r.text.replace(/\n+/g, ' / ')}`);
    }
    for (const p of proposalsOf.get(item.id) ?? []) out.push('', ...proposalLines(t, p, input.includeNames, input.eligible ?? null));
  });

  if (input.includeNames && input.speakers.length) {
    out.push('', `## ${t('minutes.speakers')}`);
    for (const s of input.speakers) out.push(`- ${s.name} (${s.times})`);
  }
  return `${out.join('\n')}\n`;
}
