import { useTranslation } from '~/i18n/react';
import { ROOM_LANGUAGES } from '~/utils/assembly-schema';

/** The languages spoken in the room, as checkboxes named `languages`: for creating and editing an assembly. */
export function LanguageChoices({ checked, error, className = '' }: { checked: readonly string[]; error?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className={className} aria-describedby="languages-hint">
      <legend className="text-base font-bold">{t('create.languages')}</legend>
      <p id="languages-hint" className="text-sm text-stone-700">
        {t('create.languagesHint')}
      </p>
      <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
        {ROOM_LANGUAGES.map((code) => (
          <label key={code} className="flex min-h-11 items-center gap-2 rounded-lg border-2 border-stone-300 px-3">
            <input type="checkbox" name="languages" value={code} defaultChecked={checked.includes(code)} className="h-5 w-5" />
            <span className="text-base">{t(`languages.${code}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="mt-1 font-semibold text-red-800" role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
