/** A caption with #hashtags and @mentions as links (plus any tags not written inline), clamped until expanded. */
import { useState } from 'react';
import { splitCaption } from './format.ts';
import { Link } from './router.tsx';

export function Caption({ caption, hashtags }: { caption: string; hashtags: string[] }) {
  const [expanded, setExpanded] = useState(false);
  const parts = splitCaption(caption);
  const inline = new Set(parts.filter((p) => p.kind === 'hashtag').map((p) => p.text.slice(1).toLowerCase()));
  const extra = hashtags.filter((tag) => !inline.has(tag.toLowerCase()));
  const long = caption.length + extra.join(' #').length > 90 || caption.includes('\n');
  if (!caption && extra.length === 0) return null;

  return (
    <div className="caption-wrap">
      <p className={expanded ? 'caption expanded' : 'caption'}>
        {parts.map((p) =>
          p.kind === 'hashtag' ? (
            <Link key={p.at} to={`/tag/${encodeURIComponent(p.text.slice(1).toLowerCase())}`} className="hashtag">
              {p.text}
            </Link>
          ) : p.kind === 'mention' ? (
            <Link key={p.at} to={`/@${encodeURIComponent(p.text.slice(1).toLowerCase())}`} className="mention">
              {p.text}
            </Link>
          ) : (
            <span key={p.at}>{p.text}</span>
          ),
        )}
        {extra.map((tag) => (
          <span key={`tag-${tag}`}>
            {' '}
            <Link to={`/tag/${encodeURIComponent(tag.toLowerCase())}`} className="hashtag">
              #{tag}
            </Link>
          </span>
        ))}
      </p>
      {long && (
        <button type="button" className="caption-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'less' : 'more'}
        </button>
      )}
    </div>
  );
}
