import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import type * as Y from 'yjs';
import { setMeta, type AssemblyMeta } from '~/model/meta';
import { assemblyFieldErrors, parseAssemblyForm, type AssemblyField } from '~/utils/assembly-schema';
import { timeZones } from '~/model/time-zone';
import { useTimeZone } from '~/utils/use-time-zone';
import { TimeZoneField } from './time-zone-field';
import { LanguageChoices } from './language-choices';
import { Button } from './ui/button';
import { Field, Input } from './ui/field';

type Errors = Partial<Record<AssemblyField, string>>;

/** The assembly's details, edited in the shared document: every screen shows the change at once. */
export function MetaEditor({ doc, meta }: { doc: Y.Doc; meta: AssemblyMeta }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const zone = useTimeZone(meta);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (open || !returnFocus.current) return;
    returnFocus.current = false;
    document.getElementById('meta-edit')?.focus();
  }, [open]);
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = parseAssemblyForm(form);
    if (!parsed.success) {
      setErrors(assemblyFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setMeta(doc, parsed.data);
    setSaved(true);
    close();
  };

  if (!open) {
    return (
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button id="meta-edit" variant="secondary" onClick={() => (setOpen(true), setSaved(false))}>
          {t('console.editDetails')}
        </Button>
        {saved ? (
          <p role="status" className="font-semibold">
            {t('console.saved')}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-x-4 sm:grid-cols-2" data-testid="meta-form">
      <Field id="meta-title" label={t('create.title')} error={errors.title && t(errors.title)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="title" defaultValue={meta.title} maxLength={200} autoFocus aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field id="meta-startsAt" label={t('create.startsAt')} error={errors.startsAt && t(errors.startsAt)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="startsAt" type="datetime-local" defaultValue={meta.startsAt ?? ''} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field id="meta-place" label={t('create.place')} error={errors.place && t(errors.place)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="place" defaultValue={meta.place ?? ''} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <LanguageChoices checked={meta.languages} error={errors.languages} className="mb-5 sm:col-span-2" />
      <div className="sm:col-span-2">
        {/* Opened only after a click: the browser's own list of zones, no server render to match. */}
        <TimeZoneField id="meta-timeZone" zones={timeZones()} value={zone} error={errors.timeZone} />
      </div>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit">{t('console.save')}</Button>
        <Button type="button" variant="secondary" onClick={close}>
          {t('agenda.cancel')}
        </Button>
      </div>
    </form>
  );
}
