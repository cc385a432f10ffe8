import type { ButtonHTMLAttributes, CSSProperties, ReactNode, Ref } from 'react';
import './cardParts.css';

/**
 * Badges and compact buttons for cards drawn by the hundred (threads, the claims board), as
 * plain elements styled like Mantine's (the same theme variables, so the same colours and
 * contrast). Mantine's components resolve style props and theme values on every render, and
 * were most of the time spent drawing a card.
 */

const tones = new Map<string, CSSProperties>();

/** The theme colour's variables a badge or button reads; one object per colour, so React sees no change between renders. */
function tone(color: string): CSSProperties {
  let style = tones.get(color);
  if (!style) {
    style = {
      '--tone': `var(--mantine-color-${color}-light-color)`,
      '--tone-bg': `var(--mantine-color-${color}-light)`,
      '--tone-hover': `var(--mantine-color-${color}-light-hover)`,
      '--tone-outline': `var(--mantine-color-${color}-outline)`,
      '--tone-filled': `var(--mantine-color-${color}-filled)`,
    } as CSSProperties;
    tones.set(color, style);
  }
  return style;
}

interface CardBadgeProps {
  color: string;
  variant?: 'light' | 'outline' | 'filled' | 'transparent';
  size?: 'xs' | 'sm';
  /** Keeps the text's case (tags); badges are upper case otherwise. */
  keepCase?: boolean;
  children: ReactNode;
  'data-testid'?: string;
}

export function CardBadge({ color, variant = 'light', size = 'sm', keepCase = false, children, ...rest }: CardBadgeProps) {
  return (
    <span className="card-badge" data-variant={variant} data-size={size} data-keep-case={keepCase || undefined} style={tone(color)} {...rest}>
      {children}
    </span>
  );
}

interface CardButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'color' | 'style' | 'type'> {
  color?: string;
  icon?: ReactNode;
  /** No text beside the icon: a square button (Mantine's ActionIcon), named by its aria-label. */
  iconOnly?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** A compact, subtle button (Mantine's `variant="subtle" size="compact-xs"`). */
export function CardButton({ color = 'blue', icon, iconOnly = false, children, className, ...rest }: CardButtonProps) {
  return (
    // Mantine's own global classes: its focus ring, and the press.
    <button type="button" className={`card-button mantine-focus-auto mantine-active${className ? ` ${className}` : ''}`} style={tone(color)} data-with-icon={icon && !iconOnly ? true : undefined} data-icon-only={iconOnly || undefined} {...rest}>
      {icon}
      {children}
    </button>
  );
}
