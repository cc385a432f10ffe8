import { Badge, type BadgeProps } from '@mantine/core';
import { useRatingScale } from '../api';
import { ratingLook, textOn, type RatingLook } from '../ratings';

/** A rating in its scale colour, with black or white text, whichever reads (any owner-chosen colour stays legible). */
export function RatingBadge({ look, ...props }: { look: RatingLook } & BadgeProps) {
  return (
    <Badge tt="none" variant="filled" title={look.description || undefined} data-rating={look.key} {...props} style={{ background: look.colour, color: textOn(look.colour) }}>
      {look.label}
    </Badge>
  );
}

/** A claim's final rating, looked up in its workspace's scale. */
export function ClaimRating({ workspaceId, rating, ...props }: { workspaceId: string; rating: string } & BadgeProps) {
  const scale = useRatingScale(workspaceId);
  return <RatingBadge look={ratingLook(scale.data, rating)} data-testid="claim-rating" {...props} />;
}
