/** Inline SVG icons (decorative: the control that holds one carries the accessible name). */

interface IconProps {
  size?: number;
}

/** An icon drawn by one path on a 24×24 grid, `size` pixels square unless the caller says otherwise. */
function icon(path: string, defaultSize = 24) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per icon as the module loads, never while rendering.
  return function Icon({ size = defaultSize }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="currentColor"
        aria-hidden="true"
        focusable="false"
        className="icon"
      >
        <path d={path} />
      </svg>
    );
  };
}

export const HomeIcon = icon('M12 3.2 2.5 11h2.6v9.3h5.3v-6h3.2v6h5.3V11h2.6z');
const PLUS = 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z';
export const PlusIcon = icon(PLUS);
export const UserIcon = icon('M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9m0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5');
export const HeartIcon = icon(
  'M12 21s-7.5-4.6-9.6-9.3C.9 8.3 3 4.5 6.7 4.5c2.1 0 3.6 1.1 5.3 3 1.7-1.9 3.2-3 5.3-3 3.7 0 5.8 3.8 4.3 7.2C19.5 16.4 12 21 12 21',
  32,
);
export const CommentIcon = icon(
  'M12 3C6.5 3 2 6.7 2 11.3c0 2.6 1.5 5 3.8 6.5L5 21.5l4.3-2.4c.9.2 1.8.3 2.7.3 5.5 0 10-3.7 10-8.2S17.5 3 12 3m-4.5 9.5a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6m4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6m4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6',
  32,
);
export const ShareIcon = icon('M13.5 4v4.2C6.8 9 3.5 13.6 2.5 20c2.4-3.4 5.9-5.1 11-5.1V19l8-7.5z', 32);
export const PlayIcon = icon('M7 4.5v15a1 1 0 0 0 1.5.9l12-7.5a1 1 0 0 0 0-1.8l-12-7.5A1 1 0 0 0 7 4.5');
export const VolumeOnIcon = icon(
  'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4M14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6',
);
export const VolumeOffIcon = icon(
  'M3 9v6h4l5 5V4L7 9zm13.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
);
export const BackIcon = icon('M15.4 4.6 14 3.2 5.2 12l8.8 8.8 1.4-1.4L8 12z');
export const BookmarkIcon = icon(
  'M6 3h12a1 1 0 0 1 1 1v17.2a.5.5 0 0 1-.8.4L12 17l-6.2 4.6a.5.5 0 0 1-.8-.4V4a1 1 0 0 1 1-1',
  32,
);
export const SearchIcon = icon(
  'M10.5 3a7.5 7.5 0 0 1 6 12l4.3 4.3-1.5 1.5-4.3-4.3A7.5 7.5 0 1 1 10.5 3m0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11',
);
export const CompassIcon = icon(
  'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20m0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16m4.5 3.5-2.7 6.3-6.3 2.7 2.7-6.3zM12 10.8a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4',
);
export const InboxIcon = icon(
  'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2m0 2v7h4.5a3.5 3.5 0 0 0 7 0H20V6z',
);
export const BellIcon = icon(
  'M12 22a2.5 2.5 0 0 0 2.4-2h-4.8a2.5 2.5 0 0 0 2.4 2m7-6V11a7 7 0 0 0-5.5-6.8V3a1.5 1.5 0 0 0-3 0v1.2A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
);
export const MessageIcon = icon('M2.5 12.2 21 3.5l-4.6 17.3-5.2-5.6-4.8 3.2 1-5.6zM9.5 13l.3 2.9 1.4-1.9 6.2-7.4z');
export const LiveIcon = icon(
  'M3 6h13a1 1 0 0 1 1 1v2.5l4-2.5v10l-4-2.5V17a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1',
);
export const ShopIcon = icon('M7 7V6a5 5 0 0 1 10 0v1h3.2l-1 14H4.8l-1-14zm2 0h6V6a3 3 0 0 0-6 0z');
export const CheckIcon = icon('m9.5 16.2-4.2-4.2-1.4 1.4 5.6 5.6 11-11-1.4-1.4z');
export const CloseIcon = icon(
  'm6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z',
);
export const SmallPlusIcon = icon(PLUS, 16);
export const InstallIcon = icon('M11 3h2v9.2l3.3-3.3 1.4 1.4-5.7 5.7-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z');
export const PauseIcon = icon('M6 4h4v16H6zm8 0h4v16h-4z');
export const ChevronUpIcon = icon('m12 8.2-6.6 6.6 1.4 1.4 5.2-5.2 5.2 5.2 1.4-1.4z');
export const ChevronDownIcon = icon('m12 15.8 6.6-6.6-1.4-1.4-5.2 5.2-5.2-5.2-1.4 1.4z');
