import { useState } from 'react';
import { useTranslation } from '~/i18n/react';

/** A link to copy: selectable text for everyone, a copy button where the clipboard is available. */
export function CopyField({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex flex-col gap-2 sm:flex-row">
      <input
        readOnly
        value={value}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        className="min-h-11 w-full rounded-lg border-2 border-stone-500 bg-stone-100 px-3 font-mono text-sm"
      />
      <button
        type="button"
        onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        className="min-h-11 rounded-lg border-2 border-stone-950 bg-white px-4 font-bold"
      >
        {copied ? t('key.copied') : t('key.copy')}
      </button>
    </div>
  );
}
