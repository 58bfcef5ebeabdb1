import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { Button } from '~/components/ui/button';
import { Card } from '~/components/ui/card';
import { Field, Input } from '~/components/ui/field';
import { LanguageSwitcher } from '~/root';
import { LanguageChoices } from '~/components/language-choices';
import { assemblyFieldErrors, parseAssemblyForm, type AssemblyField } from '~/utils/assembly-schema';
import { TimeZoneField } from '~/components/time-zone-field';
import { hostTimeZone, timeZones } from '~/model/time-zone';
import { keyCookie } from '~/utils/key-cookie.server';
import { refusalResponse } from '~/commands/refusals.server';
import { pageTitle } from '~/utils/page-title';

export const meta: MetaFunction = ({ matches, error }) => pageTitle(matches, 'start', null, error);

/** A page answered from the action keeps the action's Retry-After (Remix sends only these headers). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get('Retry-After');
  if (retry) headers.set('Retry-After', retry);
  return headers;
};

type FieldErrors = Partial<Record<AssemblyField, string>>;

/** The zones a facilitator may choose, and the server's own as the default ([L33]). */
export function loader() {
  return json({ zones: timeZones(), serverZone: hostTimeZone() });
}

/** What was typed, sent back with an error so a refused form loses nothing (also without JavaScript). */
function typed(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '').slice(0, 1000);
  return {
    title: text('title'),
    startsAt: text('startsAt'),
    place: text('place'),
    languages: form.getAll('languages').map(String).slice(0, 20),
    timeZone: text('timeZone'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  const parsed = parseAssemblyForm(form);
  if (!parsed.success) {
    const errors: FieldErrors = assemblyFieldErrors(parsed.error.issues);
    return json({ errors, error: null, values: typed(form) }, { status: 400 });
  }
  let created;
  try {
    created = await context.services.createAssembly(parsed.data, request);
  } catch (err) {
    // A full or failing disk: try again in a moment, with everything typed still in the form ([W17]).
    return refusalResponse(err, { errors: {}, values: typed(form) });
  }
  const headers = new Headers();
  headers.append('Set-Cookie', created.cookie);
  headers.append('Set-Cookie', keyCookie(created.id, created.facilitator.url, new URL(request.url).protocol === 'https:'));
  return redirect(`/a/${created.id}/facilitate`, { headers });
}

export default function CreateAssembly() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  const { zones, serverZone } = useLoaderData<typeof loader>();
  const errors: FieldErrors = data?.errors ?? {};
  const values = data?.values;
  const busy = useNavigation().state !== 'idle';
  return (
    <main className="mx-auto max-w-2xl px-4 py-6 sm:py-10">
      <LanguageSwitcher className="mb-6" />
      <h1 className="text-4xl font-black">{t('app.name')}</h1>
      <p className="mt-2 text-lg text-stone-800">{t('app.tagline')}</p>
      <Card className="mt-6">
        <h2 className="mb-4 text-2xl font-black">{t('create.heading')}</h2>
        {data?.error ? (
          <p className="mb-4 font-semibold text-red-800" role="alert">
            {t(data.error)}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <Field id="title" label={t('create.title')} hint={t('create.titleHint')} error={errors.title && t(errors.title)}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} name="title" required maxLength={200} defaultValue={values?.title} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field id="startsAt" label={t('create.startsAt')} error={errors.startsAt && t(errors.startsAt)}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} name="startsAt" type="datetime-local" defaultValue={values?.startsAt} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <Field id="place" label={t('create.place')} hint={t('create.placeHint')} error={errors.place && t(errors.place)}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} name="place" maxLength={200} defaultValue={values?.place} aria-describedby={describedBy} aria-invalid={invalid} />
            )}
          </Field>
          <LanguageChoices checked={values?.languages ?? ['en']} error={errors.languages} className="mb-6" />
          <TimeZoneField id="timeZone" zones={zones} value={values?.timeZone || serverZone} error={errors.timeZone} />
          <Button type="submit" disabled={busy} className="w-full text-lg sm:w-auto">
            {t('create.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
