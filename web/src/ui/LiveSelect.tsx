import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  /** The value as the live cache has it. */
  value: string;
  /** The person's choice, and the value they saw before it (the base of a conflict check). */
  onValue: (next: string, seen: string) => void;
  /** The label of one value: all a closed select needs. */
  labelOf: (value: string) => string;
  /** Every option; rendered once the select is about to be used. */
  children: ReactNode;
};

/**
 * A select over a live value. The person's choice shows at once and stays until the live value
 * changes (their own edit arriving, or someone else's): a plain controlled select snaps back to
 * the old value until the cache notifies, so a second arrow key would start from there again.
 * Until it is focused or pointed at, it holds only its current option: a list of thousands of
 * rows, each with three selects, then mounts a fraction of the elements while scrolling.
 */
export function LiveSelect({ value, onValue, labelOf, children, ...rest }: Props) {
  const [choice, setChoice] = useState<{ value: string; over: string } | null>(null);
  const [open, setOpen] = useState(false);
  const shown = choice && choice.over === value ? choice.value : value;
  const openUp = () => setOpen(true);
  return (
    <select
      {...rest}
      value={shown}
      onFocus={openUp}
      onPointerEnter={openUp}
      onPointerDown={openUp}
      onChange={(e) => {
        setChoice({ value: e.target.value, over: value });
        onValue(e.target.value, shown);
      }}
    >
      {open ? children : <option value={shown}>{labelOf(shown)}</option>}
    </select>
  );
}
