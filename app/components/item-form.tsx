import { useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/react';
import { ITEM_KINDS, type AgendaItemInput, type ItemKind } from '~/model/agenda';
import { hasVisibleText } from '~/model/visible-text';
import { Button } from './ui/button';
import { Field, Input, Select } from './ui/field';

type Draft = { title: string; kind: ItemKind; minutes: string; presenter: string; description: string; interpretation: string };

const EMPTY: Draft = { title: '', kind: 'discussion', minutes: '10', presenter: '', description: '', interpretation: '' };

/** Reads a draft into an item, or says what is wrong with it (a catalogue key per field). */
export function parseDraft(draft: Draft): { item: AgendaItemInput } | { errors: Partial<Record<keyof Draft, string>> } {
  const errors: Partial<Record<keyof Draft, string>> = {};
  const title = draft.title.trim();
  if (!hasVisibleText(title)) errors.title = 'agenda.errors.title';
  else if (title.length > 200) errors.title = 'agenda.errors.titleLong';
  const minutes = Number(draft.minutes);
  if (draft.minutes.trim() === '' || !Number.isInteger(minutes) || minutes < 0 || minutes > 1440) errors.minutes = 'agenda.errors.minutes';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    item: {
      title,
      kind: draft.kind,
      minutes,
      presenter: draft.presenter.trim(),
      description: draft.description.trim(),
      interpretation: draft.interpretation.trim(),
    },
  };
}

/** The fields of an agenda item, for adding one or editing one in place. */
export function ItemForm({
  idPrefix,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus = false,
}: {
  idPrefix: string;
  initial?: AgendaItemInput;
  submitLabel: string;
  onSubmit: (item: AgendaItemInput) => void;
  onCancel?: () => void;
  /** Focus the title when the form opens (editing in place). */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const start: Draft = initial ? { ...EMPTY, ...initial, minutes: String(initial.minutes) } : EMPTY;
  const [draft, setDraft] = useState<Draft>(start);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDraft(draft);
    if ('errors' in parsed) return setErrors(parsed.errors);
    setErrors({});
    onSubmit(parsed.item);
    if (!initial) setDraft(EMPTY);
  };

  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form onSubmit={submit} noValidate className="grid gap-x-4 sm:grid-cols-6" data-testid={`${idPrefix}-form`}>
      <div className="sm:col-span-4">
        <Field id={id('title')} label={t('agenda.fields.title')} error={errors.title && t(errors.title)}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              value={draft.title}
              onChange={set('title')}
              maxLength={200}
              autoFocus={autoFocus}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id('minutes')} label={t('agenda.fields.minutes')} error={errors.minutes && t(errors.minutes)}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} value={draft.minutes} onChange={set('minutes')} inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id('kind')} label={t('agenda.fields.kind')}>
          {({ id }) => (
            <Select id={id} value={draft.kind} onChange={set('kind')}>
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`agenda.kinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id('presenter')} label={t('agenda.fields.presenter')}>
          {({ id }) => <Input id={id} value={draft.presenter} onChange={set('presenter')} maxLength={100} />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id('interpretation')} label={t('agenda.fields.interpretation')} hint={t('agenda.fields.interpretationHint')}>
          {({ id, describedBy }) => (
            <Input id={id} value={draft.interpretation} onChange={set('interpretation')} maxLength={200} aria-describedby={describedBy} />
          )}
        </Field>
      </div>
      <div className="sm:col-span-6">
        <Field id={id('description')} label={t('agenda.fields.description')}>
          {({ id }) => <Input id={id} value={draft.description} onChange={set('description')} maxLength={500} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-6">
        <Button type="submit">{submitLabel}</Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t('agenda.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
