import type { Rating } from '@introserv/shared';
import { useT } from '../i18n/useT.js';

/** The visitor's rating of the chat, in the chat's header: good or bad, with their comment on hover and for screen readers. */
export function RatingBadge({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useT();
  if (!rating) return null;
  const label = t(rating.value === 'good' ? 'chat.ratedGood' : 'chat.ratedBad');
  return (
    <span class={`badge rating rating-${rating.value}`} data-testid="rating" data-rating={rating.value} title={rating.comment ?? undefined}>
      {label}
      {rating.comment && <span class="visually-hidden">: {rating.comment}</span>}
    </span>
  );
}
