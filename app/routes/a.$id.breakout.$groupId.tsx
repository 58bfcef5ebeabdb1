import { plainRefusal } from '~/utils/plain-refusal.server';
import { ID_PATTERN } from '~/model/ids';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { useDeviceCopy, useOfflinePage } from '~/collab/offline';
import { useDoc } from '~/collab/use-doc';
import { usePlenary } from '~/collab/use-plenary';
import { useSaved } from '~/collab/use-saved';
import { useDocValue, useY } from '~/collab/use-y';
import { readRounds } from '~/model/breakouts';
import { AssemblyHeader } from '~/components/assembly-header';
import { LiveControls } from '~/components/live-controls';
import { RoundStatus } from '~/components/round-status';
import { Card } from '~/components/ui/card';
import { Input } from '~/components/ui/field';
import { fragmentToMarkdown, notesFragment, NOTES_FIELD, reportFragment, REPORT_FIELD } from '~/model/notes';
import { useNoteTaker } from '~/collab/use-note-taker';
import { plenaryState, requireDocument, toBase64 } from '~/utils/guards.server';
import { pageTitle } from '~/utils/page-title';
import { roomTranslationsState } from '~/utils/room-translations.server';
import { TranslationsProvider } from '~/components/translated';
import { useRoomTranslations } from '~/collab/use-room-translations';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'breakout', data?.title, error);

const GROUP = ID_PATTERN;

/** The editor's code is fetched only here, and only for the table's writers. */
const NotesEditor = lazy(() => import('~/components/notes-editor'));

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const groupId = params.groupId ?? '';
  if (!GROUP.test(groupId)) throw plainRefusal(request, 'errors.404', 404);
  // The table's page answers as the table's socket does ([X21]): who reads it opens it, who writes it edits.
  const { assembly, session, access } = await requireDocument(request, context, params.id, (id) => `${id}/breakout/${groupId}`);
  const docName = `${assembly.id}/breakout/${groupId}`;
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      groupId,
      docName,
      canWrite: access === 'write',
      state: toBase64(await context.services.docState(docName, session)),
      plenary: await plenaryState(context, assembly.id, session),
      // The prompts in the reader's language when an interpreter has translated them ([L72]).
      translations: await roomTranslationsState(context, request, assembly.id, session),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** A table's page: its prompt and time, and its shared notes and report-back. */
export default function Breakout() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const plenary = usePlenary(data.id, data.plenary);
  const { doc, status, provider } = useDoc(data.docName, data.state, {
    presence: data.canWrite,
  });
  const device = useDeviceCopy(data.docName, doc, data.canWrite, status === 'denied');
  // Hand the page to the service worker once the editor's code has arrived, so it keeps that too.
  const [editorReady, setEditorReady] = useState(false);
  const offlineReady = useOfflinePage(data.canWrite && editorReady);
  // Only the table's writers ask where their edits are (readers have none, and may not ask).
  const saved = useSaved(doc, status, data.canWrite ? `/a/${data.id}/saved?group=${data.groupId}` : null, device);
  const { round } = plenary;
  // The table's name from whichever round it belongs to (the room may have moved on).
  const rounds = useDocValue(plenary.doc, readRounds);
  const table = rounds.flatMap((r) => r.tables).find((x) => x.id === data.groupId) ?? null;
  // Shut out on either document (the link was revoked): nothing here can be sent any more.
  const denied = status === 'denied' || plenary.status === 'denied';
  const translations = useRoomTranslations(data.id, plenary.doc, data.translations);
  const heading = table
    ? `${t('breakout.table', { number: table.number })}${table.label ? ` · ${table.label}` : ''}`
    : t('breakout.heading', { group: data.groupId });

  return (
    <>
      <AssemblyHeader title={plenary.meta.title || data.title} subtitle={heading} status={status} />
      <main className="mx-auto grid max-w-3xl gap-4 px-4 py-6" data-offline-ready={offlineReady || undefined} data-access={data.canWrite ? 'write' : 'read'}>
        <LiveControls status={denied ? 'denied' : status}>
          {round && round.status !== 'planned' ? (
            <Card>
              <TranslationsProvider value={translations}>
                <RoundStatus round={round} />
              </TranslationsProvider>
            </Card>
          ) : null}
          {data.canWrite ? (
            <Writer doc={doc} provider={provider} saved={saved} editable={!denied} onEditorReady={() => setEditorReady(true)} />
          ) : (
            <Reader doc={doc} />
          )}
        </LiveControls>
      </main>
    </>
  );
}

function Writer({
  doc,
  provider,
  saved,
  editable,
  onEditorReady,
}: {
  doc: import('yjs').Doc;
  provider: ReturnType<typeof useDoc>['provider'];
  saved: ReturnType<typeof useSaved>;
  editable: boolean;
  onEditorReady: () => void;
}) {
  const { t } = useTranslation();
  const { name, setName, user, hydrated } = useNoteTaker(provider);
  // Without JavaScript there is no editor and nothing is saved: say so, and show the notes ([N5]).
  if (!hydrated) {
    return (
      <noscript>
        <p className="rounded-xl border-2 border-stone-950 bg-white p-3 font-semibold" data-testid="needs-script">
          {t('breakout.needsScript')}
        </p>
        <Reader doc={doc} />
      </noscript>
    );
  }

  return (
    <>
      <p
        role="status"
        data-testid="saved"
        data-saved={saved}
        className={`rounded-lg p-3 text-lg font-bold ${
          saved === 'server'
            ? 'bg-green-100 text-green-900'
            : saved === 'phone' || saved === 'saving'
              ? 'bg-amber-100 text-amber-950'
              : saved === 'checking'
                ? 'bg-stone-100'
                : 'bg-red-100 text-red-900'
        }`}
      >
        {t(`breakout.saved.${saved}`)}
      </p>
      <Card>
        <label htmlFor="caret-name" className="block font-bold">
          {t('breakout.yourName')}
        </label>
        <Input id="caret-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Card>
      {
        <Suspense fallback={<p className="text-stone-700">{t('breakout.loadingEditor')}</p>}>
          <Card>
            <h2 className="mb-2 text-xl font-black">{t('breakout.notes')}</h2>
            {/* Made once the connection code is there, so the editor is never rebuilt under someone typing. */}
            {provider ? (
              <NotesEditor
                doc={doc}
                field={NOTES_FIELD}
                label={t('breakout.notes')}
                provider={provider}
                user={user}
                testId="notes-editor"
                editable={editable}
                onReady={onEditorReady}
              />
            ) : (
              <p className="text-stone-700">{t('breakout.loadingEditor')}</p>
            )}
          </Card>
          <Card className="border-amber-400">
            <h2 className="text-xl font-black">{t('breakout.reportBack')}</h2>
            <p className="mb-2 text-stone-700">{t('breakout.reportBackHint')}</p>
            <NotesEditor
              doc={doc}
              field={REPORT_FIELD}
              label={t('breakout.reportBack')}
              provider={null}
              user={user}
              testId="report-editor"
              editable={editable}
            />
          </Card>
        </Suspense>
      }
    </>
  );
}

/** Everyone else at the table follows the notes live, as text; no editor is loaded. */
function Reader({ doc }: { doc: import('yjs').Doc }) {
  const { t } = useTranslation();
  const notes = useY(notesFragment(doc), fragmentToMarkdown);
  const report = useY(reportFragment(doc), fragmentToMarkdown);
  return (
    <>
      <Card className="border-amber-400">
        <h2 className="text-xl font-black">{t('breakout.reportBack')}</h2>
        <pre className="mt-2 whitespace-pre-wrap font-sans text-lg" data-testid="report-text">
          {report || t('breakout.nothingYet')}
        </pre>
      </Card>
      <Card>
        <h2 className="text-xl font-black">{t('breakout.notes')}</h2>
        <pre className="mt-2 whitespace-pre-wrap font-sans text-lg" data-testid="notes-text">
          {notes || t('breakout.nothingYet')}
        </pre>
      </Card>
    </>
  );
}
