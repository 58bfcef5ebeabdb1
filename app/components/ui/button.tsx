import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-stone-950 text-white border-stone-950 hover:bg-stone-800',
  secondary: 'bg-white text-stone-950 border-stone-950 hover:bg-stone-100',
  danger: 'bg-white text-red-800 border-red-800 hover:bg-red-50',
};

/** Large touch targets (at least 44 px) and strong contrast for phones in sunlight. */
export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border-2 px-4 py-2 text-base font-bold focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400 disabled:opacity-50 ${VARIANTS[variant]} ${className}`}
    />
  );
}
