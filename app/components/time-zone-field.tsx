import { useTranslation } from '~/i18n/react';
import { Field, Select } from './ui/field';

/**
 * The assembly's time zone ([L33]): a select of the IANA zones the server lists, the server's own
 * zone chosen unless the assembly has one. `zones` come from the loader, so the server's render
 * and the browser's agree even where the browser's list differs.
 */
export function TimeZoneField({ id, zones, value, error }: { id: string; zones: readonly string[]; value: string; error?: string }) {
  const { t } = useTranslation();
  // A zone kept from another server's list stays choosable rather than silently replaced.
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <Field id={id} label={t('create.timeZone')} hint={t('create.timeZoneHint')} error={error && t(error)}>
      {({ id, describedBy, invalid }) => (
        <Select id={id} name="timeZone" defaultValue={value} aria-describedby={describedBy} aria-invalid={invalid} data-testid="time-zone">
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
