import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { LiveControls } from '~/components/live-controls';
import { AgendaEditor } from '~/components/agenda-editor';
import { BreakoutPanel } from '~/components/breakout-panel';
import { ProposalsPanel } from '~/components/proposals-panel';
import { currentProposal } from '~/model/shown-proposal';
import { DangerZone } from '~/components/danger-zone';
import { MetaDetails } from '~/components/meta-details';
import { MetaEditor } from '~/components/meta-editor';
import { useTimeZone } from '~/utils/use-time-zone';
import { RoomExtras, RunPanel } from '~/components/run-panel';
import { KeyDialog } from '~/components/key-dialog';
import { useFocusRescue } from '~/utils/use-focus-rescue';
import { plenaryState, requireCommand, requirePage } from '~/utils/guards.server';
import { clearKeyCookie, readKeyCookie } from '~/utils/key-cookie.server';
import { qrSvg } from '~/utils/qr.server';
import { consoleCommand } from '~/commands/console.server';
import { deleteSchedule } from '~/commands/deletion.server';
import { VotingRightsPanel } from '~/components/voting-rights-panel';
import { pageTitle } from '~/utils/page-title';
import { ConfirmPrompt } from '~/components/confirm-prompt';
import { CollapsibleSection } from '~/components/collapsible-section';
import { ConsoleLayout, SkipLinks } from '~/components/console-layout';
import { LinksPanel } from '~/components/links-panel';
import { StackGlance } from '~/components/stack-glance';
import { ScreenLanguagesForm } from '~/components/screen-languages-form';

export { commandHeaders as headers } from '~/utils/command-headers';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'console', data?.title, error);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assembly, session } = await requirePage(request, context, params.id, 'console');
  // A vote open before a restart is void now, and the console says so.
  await context.services.settleVotes(assembly.id);
  const links = await context.services.listLinks(assembly.id, request);
  const join = links.find((l) => l.role === 'attendee' && l.url);
  // The facilitator key stays on screen, across reloads, until they say they have saved it.
  if (new URL(request.url).searchParams.has('saved')) {
    return redirect(`/a/${assembly.id}/facilitate`, { status: 303, headers: { 'Set-Cookie': clearKeyCookie(assembly.id), 'Cache-Control': 'no-store' } });
  }
  const keyUrl = readKeyCookie(request, assembly.id);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: await plenaryState(context, assembly.id, session),
      links,
      join: join?.url ? { url: join.url, qr: await qrSvg(join.url) } : null,
      keyUrl,
      deleteSchedule: await deleteSchedule(context.services, assembly.id),
      minutesVersions: (await context.services.listMinutes(assembly.id)).length,
      voting: await context.services.votingCounts(assembly.id),
    },
    { headers },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { assembly } = await requireCommand(request, context, params.id, 'facilitate');
  return consoleCommand(context, assembly, request);
}

export default function FacilitatorConsole() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { status, doc, meta, agenda, currentId, itemTimer, speakerTimer, announcement, round, proposals, stack } = usePlenary(data.id, data.state, {
    presence: true,
  });
  const zone = useTimeZone(meta);
  // Skip, End round, Open/Close vote replace the button pressed: focus goes to its panel ([N32]).
  const main = useRef<HTMLElement>(null);
  useFocusRescue(main);
  const current = agenda.find((i) => i.id === currentId) ?? null;
  const minted = result && 'minted' in result ? result.minted : null;
  const error = result && 'error' in result ? result.error : null;
  // A destructive press made without JavaScript comes back as a question ([G6]).
  const question = result && 'confirm' in result ? result.confirm : null;
  const showRound = current && (current.kind === 'breakout' || round) ? current : null;

  // The panels, in the order a facilitator mid-assembly needs them: the round and the stack first
  // while the room runs; the agenda first while it is being built ([P10]).
  const panels: { id: string; nav: string; node: ReactNode }[] = [];
  const agendaPanel = {
    id: 'agenda',
    nav: t('console.navAgenda'),
    node: (
      <CollapsibleSection key="agenda" id="agenda" headingId="agenda-editor-heading" title={t('agenda.heading')}>
        <AgendaEditor doc={doc} agenda={agenda} currentId={currentId} heading={false} plannedStart={meta.startsAt} />
      </CollapsibleSection>
    ),
  };
  if (!current) panels.push(agendaPanel);
  if (showRound) {
    panels.push({
      id: 'breakouts',
      nav: t('console.navBreakouts'),
      node: (
        <CollapsibleSection key="breakouts" id="breakouts" headingId="round-heading" title={t('round.heading', { title: showRound.title })}>
          <BreakoutPanel doc={doc} assemblyId={data.id} itemId={showRound.id} round={round} />
        </CollapsibleSection>
      ),
    });
  }
  panels.push({
    id: 'stack',
    nav: t('console.navStack'),
    node: (
      <CollapsibleSection key="stack" id="stack" title={t('stack.heading')}>
        <StackGlance stack={stack} assemblyId={data.id} />
      </CollapsibleSection>
    ),
  });
  if (current) {
    panels.push({
      id: 'proposals',
      nav: t('console.navProposals'),
      node: (
        <CollapsibleSection key="proposals" id="proposals" title={`${t('proposals.heading')} · ${current.title}`}>
          <ProposalsPanel
            doc={doc}
            itemId={current.id}
            proposals={proposals.filter((p) => p.itemId === current.id)}
            shownId={currentProposal(doc, current.id)?.id ?? null}
            eligible={data.voting.issued > 0 ? data.voting.issued - data.voting.revoked : null}
          />
        </CollapsibleSection>
      ),
    });
    panels.push(agendaPanel);
  }
  panels.push(
    {
      id: 'room',
      nav: t('console.navRoom'),
      node: (
        <CollapsibleSection key="room" id="room" title={t('console.roomHeading')}>
          <RoomExtras doc={doc} speakerTimer={speakerTimer} announcement={announcement} />
          <ScreenLanguagesForm doc={doc} roomLanguages={meta.languages} />
        </CollapsibleSection>
      ),
    },
    {
      id: 'links',
      nav: t('console.navLinks'),
      node: (
        <CollapsibleSection key="links" id="links" title={t('console.links')}>
          <LinksPanel agenda={agenda} links={data.links} join={data.join} minted={minted} error={error} timeZone={zone} />
        </CollapsibleSection>
      ),
    },
    {
      id: 'voting',
      nav: t('console.navVoting'),
      node: (
        <CollapsibleSection key="voting" id="voting" title={t('voting.heading')}>
          <VotingRightsPanel assemblyId={data.id} counts={data.voting} heading={false} />
        </CollapsibleSection>
      ),
    },
    {
      id: 'minutes',
      nav: t('console.navMinutes'),
      node: (
        <CollapsibleSection key="minutes" id="minutes" title={t('minutes.heading')}>
          <p>{t('console.minutesIntro', { count: data.minutesVersions })}</p>
          <a className="mt-3 inline-flex min-h-11 items-center rounded-lg border-2 border-stone-950 px-4 font-bold" href={`/a/${data.id}/minutes/edit`}>
            {t('console.minutesEdit')}
          </a>
        </CollapsibleSection>
      ),
    },
    {
      id: 'details',
      nav: t('console.navDetails'),
      node: (
        <CollapsibleSection key="details" id="details" title={t('console.details')}>
          <MetaDetails meta={meta} />
          <MetaEditor doc={doc} meta={meta} />
        </CollapsibleSection>
      ),
    },
    {
      id: 'danger',
      nav: t('console.navDanger'),
      node: (
        <div key="danger" id="danger" className="console-section">
          <DangerZone title={data.title} schedule={data.deleteSchedule} timeZone={zone} />
        </div>
      ),
    },
  );

  return (
    <>
      <SkipLinks />
      <AssemblyHeader title={meta.title || data.title} subtitle={t('console.heading')} status={status}>
        <nav aria-label={t('console.pages')} className="flex flex-wrap gap-2">
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}/screen`} target="_blank" rel="noreferrer">
            {t('console.openScreen')}
          </a>
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}/stack`}>
            {t('console.openStack')}
          </a>
          <a className="min-h-11 rounded-lg border-2 border-stone-950 px-3 py-2 font-bold" href={`/a/${data.id}`}>
            {t('console.openAttendee')}
          </a>
        </nav>
      </AssemblyHeader>
      {data.keyUrl ? <KeyDialog keyUrl={data.keyUrl} doneHref={`/a/${data.id}/facilitate?saved`} /> : null}
      <main ref={main}>
        <LiveControls status={status}>
          {question ? (
            <div className="mx-auto max-w-5xl px-4 pt-4 sm:px-6">
              <ConfirmPrompt question={question} assemblyId={data.id} />
            </div>
          ) : null}
          <ConsoleLayout
            label={t('run.heading')}
            sections={panels.map((p) => ({ id: p.id, label: p.nav }))}
            strip={<RunPanel doc={doc} agenda={agenda} currentId={currentId} meta={meta} itemTimer={itemTimer} round={showRound ? round : null} />}
          >
            {panels.map((p) => p.node)}
          </ConsoleLayout>
        </LiveControls>
      </main>
    </>
  );
}
