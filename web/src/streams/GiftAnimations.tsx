/** Gifts flying over the video as they arrive: the gift, who sent it and how many, animated by the catalogue's kind. */
import type { Gift } from '../api/types.ts';
import { animationClass, giftPicture } from './giftLook.ts';
import type { ShownGift } from './useGiftShow.ts';

export function GiftAnimations({ shown, gifts }: { shown: ShownGift[]; gifts: readonly Gift[] }) {
  return (
    <div className="gift-layer" aria-live="polite">
      {shown.map((gift) => {
        const entry = gifts.find((g) => g.id === gift.giftId);
        return (
          <div
            key={gift.key}
            className={`gift-anim ${animationClass(entry?.animation)}`}
            data-testid="gift-animation"
            data-gift-id={gift.giftId}
          >
            <span className="gift-anim-picture" aria-hidden="true">
              {giftPicture(gift.giftId)}
            </span>
            <span className="gift-anim-text">
              {gift.from} sent {entry?.name ?? 'a gift'}
              {gift.quantity > 1 ? ` ×${gift.quantity}` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
