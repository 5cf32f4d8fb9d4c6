/** Inline SVG icons (decorative: the control that holds one carries the accessible name). */
import type { ReactNode } from 'react';

function Svg({ children, size = 24 }: { children: ReactNode; size?: number }) {
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
      {children}
    </svg>
  );
}

export const HomeIcon = () => (
  <Svg>
    <path d="M12 3.2 2.5 11h2.6v9.3h5.3v-6h3.2v6h5.3V11h2.6z" />
  </Svg>
);

export const PlusIcon = () => (
  <Svg>
    <path d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z" />
  </Svg>
);

export const UserIcon = () => (
  <Svg>
    <path d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9m0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5" />
  </Svg>
);

export const HeartIcon = () => (
  <Svg size={32}>
    <path d="M12 21s-7.5-4.6-9.6-9.3C.9 8.3 3 4.5 6.7 4.5c2.1 0 3.6 1.1 5.3 3 1.7-1.9 3.2-3 5.3-3 3.7 0 5.8 3.8 4.3 7.2C19.5 16.4 12 21 12 21" />
  </Svg>
);

export const CommentIcon = () => (
  <Svg size={32}>
    <path d="M12 3C6.5 3 2 6.7 2 11.3c0 2.6 1.5 5 3.8 6.5L5 21.5l4.3-2.4c.9.2 1.8.3 2.7.3 5.5 0 10-3.7 10-8.2S17.5 3 12 3m-4.5 9.5a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6m4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6m4.5 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6" />
  </Svg>
);

export const ShareIcon = () => (
  <Svg size={32}>
    <path d="M13.5 4v4.2C6.8 9 3.5 13.6 2.5 20c2.4-3.4 5.9-5.1 11-5.1V19l8-7.5z" />
  </Svg>
);

export const PlayIcon = ({ size = 24 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M7 4.5v15a1 1 0 0 0 1.5.9l12-7.5a1 1 0 0 0 0-1.8l-12-7.5A1 1 0 0 0 7 4.5" />
  </Svg>
);

export const VolumeOnIcon = () => (
  <Svg>
    <path d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4M14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6" />
  </Svg>
);

export const VolumeOffIcon = () => (
  <Svg>
    <path d="M3 9v6h4l5 5V4L7 9zm13.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z" />
  </Svg>
);

export const BackIcon = () => (
  <Svg>
    <path d="M15.4 4.6 14 3.2 5.2 12l8.8 8.8 1.4-1.4L8 12z" />
  </Svg>
);
