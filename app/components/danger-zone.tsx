import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { formatInstant } from '~/i18n/format';
import { Button } from './ui/button';
import { Card } from './ui/card';
import { Input, Select } from './ui/field';

/**
 * Deleting the assembly: now (typing its title to confirm), or by itself some days after it ends.
 * Plain forms, so it works without JavaScript.
 */
type Schedule = { days: number; at: number | null } | null;

/** `timeZone`: the assembly's, for the day it deletes itself ([L34]). */
export function DangerZone({ title, schedule, timeZone = 'UTC' }: { title: string; schedule: Schedule; timeZone?: string }) {
  const { t, i18n } = useTranslation();
  const result = useActionData<{ error?: string; deleteSchedule?: Schedule }>();
  const current = result && 'deleteSchedule' in result ? (result.deleteSchedule ?? null) : schedule;
  const date = { format: (at: number | Date) => formatInstant(i18n.language, Number(at), timeZone, 'date') };
  return (
    <Card className="border-red-800" aria-labelledby="danger-heading">
      <h2 id="danger-heading" className="text-xl font-black text-red-900">
        {t('console.deleteHeading')}
      </h2>
      <p className="mt-1">{t('console.deleteIntro')}</p>
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="delete-after" />
        <label className="grid gap-1 font-bold">
          {t('console.deleteAfter')}
          <Select name="days" defaultValue="30">
            <option value="never">{t('console.deleteNever')}</option>
            {[0, 1, 7, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t('console.deleteDays', { count: d })}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="secondary">
          {t('console.deleteSchedule')}
        </Button>
      </Form>
      <p className="mt-2 font-semibold" data-testid="delete-at">
        {!current
          ? t('console.deleteNotScheduled')
          : current.at === null
            ? t('console.deleteWhenEnded', { count: current.days })
            : t('console.deleteScheduled', { date: date.format(new Date(current.at)) })}
      </p>
      <Form method="post" className="mt-4 grid gap-2">
        <input type="hidden" name="intent" value="delete" />
        <label htmlFor="delete-confirm" className="font-bold">
          {t('console.deleteConfirm', { title })}
        </label>
        <Input id="delete-confirm" name="confirm" autoComplete="off" />
        {result?.error?.startsWith('console.delete') ? (
          <p role="alert" className="font-semibold text-red-800">
            {t(result.error)}
          </p>
        ) : null}
        <Button type="submit" variant="danger" className="justify-self-start">
          {t('console.deleteNow')}
        </Button>
      </Form>
    </Card>
  );
}
