import { useEffect, useId, useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { Button } from './ui/button';
import { Select } from './ui/field';

/**
 * A choice that changes the room (an outcome on the projector, a table moved, how the room
 * decides) acts on an explicit choice, never on passing over options ([N13]): arrow keys on a
 * closed select change its value one option at a time, and each would be written as it passed.
 * The select only picks; the button (or Enter on the select) applies. A change made elsewhere
 * (another facilitator) shows at once unless this person has a choice pending.
 */
export function ApplySelect({
  value,
  onApply,
  applyLabel,
  applyName,
  disabled,
  label,
  children,
  ...select
}: {
  value: string;
  onApply: (value: string) => void;
  /** The button's text ("Record", "Move"). */
  applyLabel: string;
  /** The button's full name for screen readers, when the text alone is ambiguous on the page. */
  applyName?: string;
  disabled?: boolean;
  /** The select's visible label (it names the select alone, not the button beside it). */
  label?: string;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'disabled' | 'children'>) {
  const ownId = useId();
  const id = select.id ?? ownId;
  const [pending, setPending] = useState(value);
  useEffect(() => setPending(value), [value]);
  const changed = pending !== value;
  const apply = () => {
    if (changed && !disabled) onApply(pending);
  };
  const control = (
    <span className="flex flex-wrap items-end gap-2">
      <Select
        {...select}
        id={id}
        value={pending}
        disabled={disabled}
        onChange={(e) => setPending(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          apply();
        }}
      >
        {children}
      </Select>
      <Button
        type="button"
        variant={changed ? 'primary' : 'secondary'}
        aria-disabled={!changed || disabled || undefined}
        aria-label={applyName}
        onClick={apply}
      >
        {applyLabel}
      </Button>
    </span>
  );
  if (!label) return control;
  return (
    <span className="grid gap-1">
      <label htmlFor={id} className="font-bold">
        {label}
      </label>
      {control}
    </span>
  );
}
