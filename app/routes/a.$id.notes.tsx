import { plainRefusal } from '~/utils/plain-refusal.server';
import { ID_PATTERN } from '~/model/ids';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from '~/i18n/react';
import { useDoc, type ConnectionStatus } from '~/collab/use-doc';
import { usePlenary } from '~/collab/use-plenary';
import { AssemblyHeader } from '~/components/assembly-header';
import { LiveControls } from '~/components/live-controls';
import { Card } from '~/components/ui/card';
import { Select } from '~/components/ui/field';
import { fragmentToMarkdown, NOTES_FIELD, notesFragment } from '~/model/notes';
import { useY } from '~/collab/use-y';
import { useNoteTaker } from '~/collab/use-note-taker';
import { plenaryState, requireDocument, toBase64 } from '~/utils/guards.server';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => pageTitle(matches, 'notes', data?.title, error);

const NotesEditor = lazy(() => import('~/components/notes-editor'));
const ITEM = ID_PATTERN;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Who reads the plenary notes opens them (a stack-keeper, read only); who writes them edits
  // ([X21]). Access does not depend on the item, so the guard comes first: a stranger gets 401.
  const { assembly, session, access } = await requireDocument(request, context, params.id, (id) => `${id}/notes/any`);
  const item = new URL(request.url).searchParams.get('item');
  if (item !== null && !ITEM.test(item)) throw plainRefusal(request, 'errors.400', 400);
  return json(
    {
      id: assembly.id,
      title: assembly.title,
      state: await plenaryState(context, assembly.id, session),
      item,
      canWrite: access === 'write',
      notes: item ? toBase64(await context.services.docState(`${assembly.id}/notes/${item}`, session)) : '',
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** Plenary notes, one shared document per agenda item, co-edited by facilitators and note-takers. */
export default function PlenaryNotes() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [, setSearch] = useSearchParams();
  const { status, meta, agenda, currentId } = usePlenary(data.id, data.state);
  // The current item unless one was chosen; then pinned, so the editor never switches under
  // someone typing when the room moves on.
  const itemId = data.item ?? currentId ?? agenda[0]?.id ?? null;
  useEffect(() => {
    if (!data.item && itemId) setSearch({ item: itemId }, { replace: true, preventScrollReset: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <AssemblyHeader title={meta.title || data.title} subtitle={t('notes.heading')} status={status} />
      <main className="mx-auto grid max-w-3xl gap-4 px-4 py-6" data-access={data.canWrite ? 'write' : 'read'}>
        <LiveControls status={status}>
          {agenda.length === 0 ? <p>{t('agenda.empty')}</p> : null}
          {itemId ? (
            <>
              <label className="grid gap-1 font-bold">
                {t('notes.item')}
                <Select value={itemId} onChange={(e) => setSearch({ item: e.target.value })}>
                  {agenda.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.id === currentId ? `${t('agenda.now')}: ` : ''}
                      <span dir="auto">{i.title}</span>
                    </option>
                  ))}
                </Select>
              </label>
              <ItemNotes
                key={itemId}
                assemblyId={data.id}
                itemId={itemId}
                state={itemId === data.item ? data.notes : ''}
                plenaryStatus={status}
                canWrite={data.canWrite}
              />
            </>
          ) : null}
        </LiveControls>
      </main>
    </>
  );
}

function ItemNotes({
  assemblyId,
  itemId,
  state,
  plenaryStatus,
  canWrite,
}: {
  assemblyId: string;
  itemId: string;
  state: string;
  plenaryStatus: ConnectionStatus;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  // Readers (a stack-keeper) follow the notes without presence or editing ([X21]).
  const { doc, provider, status } = useDoc(`${assemblyId}/notes/${itemId}`, state, { presence: canWrite });
  const { user, hydrated } = useNoteTaker(provider);
  const text = useY(notesFragment(doc), fragmentToMarkdown);
  if (!hydrated) {
    // Without JavaScript there is no editor and nothing is saved: say so, and show the notes ([N5]).
    return (
      <noscript>
        <Card>
          <p className="font-semibold" data-testid="needs-script">
            {t('breakout.needsScript')}
          </p>
          <pre className="mt-3 whitespace-pre-wrap font-sans text-lg">{text || t('breakout.nothingYet')}</pre>
        </Card>
      </noscript>
    );
  }
  return (
    <Card>
      <Suspense fallback={<p>{t('breakout.loadingEditor')}</p>}>
        {provider && hydrated ? (
          <NotesEditor
            doc={doc}
            field={NOTES_FIELD}
            label={t('notes.heading')}
            provider={provider}
            user={user}
            testId="plenary-notes-editor"
            editable={canWrite && status !== 'denied' && plenaryStatus !== 'denied'}
          />
        ) : (
          <p>{t('breakout.loadingEditor')}</p>
        )}
      </Suspense>
    </Card>
  );
}
