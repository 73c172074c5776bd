import { useState, type SelectHTMLAttributes } from 'react';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  /** The value as the live cache has it. */
  value: string;
  /** The person's choice, and the value they saw before it (the base of a conflict check). */
  onValue: (next: string, seen: string) => void;
};

/**
 * A select over a live value. The person's choice shows at once and stays until the live value
 * changes (their own edit arriving, or someone else's): a plain controlled select snaps back to
 * the old value until the cache notifies, so a second arrow key would start from there again.
 */
export function LiveSelect({ value, onValue, ...rest }: Props) {
  const [choice, setChoice] = useState<{ value: string; over: string } | null>(null);
  const shown = choice && choice.over === value ? choice.value : value;
  return (
    <select
      {...rest}
      value={shown}
      onChange={(e) => {
        setChoice({ value: e.target.value, over: value });
        onValue(e.target.value, shown);
      }}
    />
  );
}
