import type { HTMLAttributes } from 'react';

export function Card({ className = '', ...props }: HTMLAttributes<HTMLElement>) {
  return <section {...props} className={`rounded-xl border-2 border-stone-300 bg-white p-4 sm:p-6 ${className}`} />;
}
