import type { ReactNode } from 'react';

/**
 * A modal that works without JavaScript: it is rendered open when the server says so, and
 * closing it is a link. `role="alertdialog"` because it always asks for attention.
 */
export function Dialog({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-stone-950/70 p-4">
      <div role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} className="w-full max-w-lg rounded-xl border-4 border-amber-400 bg-white p-6">
        <h2 id={`${id}-title`} className="text-2xl font-black">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
