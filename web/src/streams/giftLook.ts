/** How each gift looks: its picture (an emoji) by gift id, and its animation's CSS class by the catalogue's name. */
const PICTURES: Record<string, string> = {
  rose: '🌹',
  heart: '💖',
  confetti: '🎉',
  rocket: '🚀',
  lion: '🦁',
};

export function giftPicture(giftId: string): string {
  return PICTURES[giftId] ?? '🎁';
}

const ANIMATIONS = new Set(['float', 'burst', 'rain', 'fly', 'roar']);

export function animationClass(animation: string | undefined): string {
  return `gift-anim-${animation && ANIMATIONS.has(animation) ? animation : 'float'}`;
}
