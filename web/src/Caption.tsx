/** A caption with #hashtags highlighted (plus any tags not written inline), clamped to two lines until expanded. */
import { useState } from 'react';
import { splitCaption } from './format.ts';

export function Caption({ caption, hashtags }: { caption: string; hashtags: string[] }) {
  const [expanded, setExpanded] = useState(false);
  const parts = splitCaption(caption);
  const inline = new Set(parts.filter((p) => p.hashtag).map((p) => p.text.slice(1).toLowerCase()));
  const extra = hashtags.filter((tag) => !inline.has(tag.toLowerCase()));
  const long = caption.length + extra.join(' #').length > 90 || caption.includes('\n');
  if (!caption && extra.length === 0) return null;

  return (
    <div className="caption-wrap">
      <p className={expanded ? 'caption expanded' : 'caption'}>
        {parts.map((p) =>
          p.hashtag ? (
            <span key={p.at} className="hashtag">
              {p.text}
            </span>
          ) : (
            <span key={p.at}>{p.text}</span>
          ),
        )}
        {extra.map((tag) => (
          <span key={`tag-${tag}`} className="hashtag">
            {' '}
            #{tag}
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
