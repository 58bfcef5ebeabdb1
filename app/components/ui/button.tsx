import { forwardRef, type ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger';
type Variant = ButtonVariant;
type Size = 'md' | 'sm';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-stone-950 text-white border-stone-950 hover:bg-stone-800',
  secondary: 'bg-white text-stone-950 border-stone-950 hover:bg-stone-100',
  danger: 'bg-white text-red-800 border-red-800 hover:bg-red-50',
};

/** `sm` is for rows of actions on a laptop; it still keeps a 36 px target. */
const SIZES: Record<Size, string> = {
  md: 'min-h-11 px-4 py-2 text-base',
  sm: 'min-h-9 px-2.5 py-1 text-sm',
};

/** Large touch targets (at least 44 px) and strong contrast for phones in sunlight. */
export const Button = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size }>(function Button(
  { variant = 'primary', size = 'md', className = '', ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-lg border-2 font-bold disabled:opacity-50 aria-disabled:opacity-50 ${SIZES[size]} ${VARIANTS[variant]} ${className}`}
    />
  );
});
