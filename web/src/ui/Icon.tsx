import sprites from '@bi/svg/sprites.svg?url';

/** A Bootstrap Italia icon from the self-hosted sprite; decorative unless given a title. */
export function Icon({
  name,
  className = '',
  title,
  size,
}: {
  name: string;
  className?: string;
  title?: string;
  size?: 'xs' | 'sm' | 'lg' | 'xl';
}) {
  const classes = ['icon', size ? `icon-${size}` : '', className].filter(Boolean).join(' ');
  return (
    <svg
      className={classes}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <use href={`${sprites}#${name}`} />
    </svg>
  );
}
