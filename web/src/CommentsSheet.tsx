/**
 * The comments of a video in a bottom sheet: newest first, replies one level deep (folded until asked for),
 * comment likes, replying, deleting your own, and a composer. Escape or the close button closes it.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Avatar } from './Avatar.tsx';
import type { Comment, Video } from './api/types.ts';
import { deleteComment, errorMessage, getComments, getReplies, postComment, setCommentLiked } from './api.ts';
import { useCurrentUser } from './auth.ts';
import { formatCount, splitCaption, timeAgo } from './format.ts';
import { appendUnique } from './hooks/latestRequest.ts';
import { usePagedResource } from './hooks/usePagedResource.ts';
import { CloseIcon, HeartIcon } from './icons.tsx';
import { Link } from './router.tsx';
import { countComment } from './social.ts';
import { showToast } from './toast.ts';
import { ListStatus } from './ui/ListStatus.tsx';

const MAX_LENGTH = 150;

interface Thread {
  comment: Comment;
  replies: Comment[];
  repliesCursor: string | null;
  repliesOpen: boolean;
  repliesLoading: boolean;
}

const threadOf = (comment: Comment): Thread => ({
  comment,
  replies: [],
  repliesCursor: null,
  repliesOpen: false,
  repliesLoading: false,
});

function CommentText({ text }: { text: string }) {
  return (
    <p className="comment-text">
      {splitCaption(text).map((part) =>
        part.kind === 'mention' ? (
          <Link key={part.at} to={`/@${encodeURIComponent(part.text.slice(1).toLowerCase())}`} className="mention">
            {part.text}
          </Link>
        ) : part.kind === 'hashtag' ? (
          <Link key={part.at} to={`/tag/${encodeURIComponent(part.text.slice(1).toLowerCase())}`} className="hashtag">
            {part.text}
          </Link>
        ) : (
          <span key={part.at}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function CommentRow({
  comment,
  videoAuthorId,
  onReply,
  onDeleted,
}: {
  comment: Comment;
  videoAuthorId: string;
  onReply: (comment: Comment) => void;
  onDeleted: (comment: Comment) => void;
}) {
  const me = useCurrentUser();
  const [liked, setLiked] = useState(comment.viewer?.liked ?? false);
  const [likes, setLikes] = useState(comment.like_count);
  const name = comment.user.display_name || comment.user.username;

  const like = async () => {
    if (!me) {
      showToast('Log in to like comments');
      return;
    }
    const next = !liked;
    setLiked(next);
    setLikes((n) => Math.max(0, n + (next ? 1 : -1)));
    try {
      const state = await setCommentLiked(comment.id, next);
      setLiked(state.liked);
      setLikes(state.like_count);
    } catch (err) {
      setLiked(!next);
      setLikes((n) => Math.max(0, n + (next ? -1 : 1)));
      showToast(errorMessage(err));
    }
  };

  const remove = async () => {
    try {
      await deleteComment(comment.id);
      onDeleted(comment);
    } catch (err) {
      showToast(errorMessage(err));
    }
  };

  const mayDelete = me && (me.id === comment.user.id || me.id === videoAuthorId);
  return (
    <div className="comment" data-testid="comment">
      <Link to={`/@${comment.user.username}`} aria-label={`@${comment.user.username}`} className="comment-avatar">
        <Avatar name={name} url={comment.user.avatar_url} size={34} />
      </Link>
      <div className="comment-body">
        <p className="comment-meta">
          <Link to={`/@${comment.user.username}`}>{name}</Link>
          <span className="muted"> · {timeAgo(comment.created_at)}</span>
        </p>
        <CommentText text={comment.content} />
        <div className="comment-actions">
          <button type="button" className="link-button" onClick={() => onReply(comment)}>
            Reply
          </button>
          {mayDelete && (
            <button type="button" className="link-button" onClick={remove}>
              Delete
            </button>
          )}
        </div>
      </div>
      <button
        type="button"
        className={liked ? 'comment-like liked' : 'comment-like'}
        aria-pressed={liked}
        aria-label={`Like comment, ${formatCount(likes)} likes`}
        onClick={like}
      >
        <HeartIcon />
        <span aria-hidden="true">{likes > 0 ? formatCount(likes) : ''}</span>
      </button>
    </div>
  );
}

export function CommentsSheet({ video, onClose }: { video: Video; onClose: () => void }) {
  const me = useCurrentUser();
  const ids = useId();
  const list = usePagedResource(
    async (cursor, signal) => {
      const page = await getComments(video.id, cursor, signal);
      return { items: page.comments.map(threadOf), cursor: page.cursor, has_more: page.has_more };
    },
    (thread) => thread.comment.id,
    [video.id],
  );
  const { items: threads, setItems: setThreads, loading } = list;
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [posting, setPosting] = useState(false);
  const [total, setTotal] = useState(video.stats.comments);
  const inputRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const patchThread = (id: string, change: (t: Thread) => Thread) =>
    setThreads((prev) => prev.map((t) => (t.comment.id === id ? change(t) : t)));

  const loadReplies = async (thread: Thread) => {
    patchThread(thread.comment.id, (t) => ({ ...t, repliesOpen: true, repliesLoading: true }));
    try {
      const page = await getReplies(thread.comment.id, thread.repliesCursor);
      patchThread(thread.comment.id, (t) => ({
        ...t,
        replies: appendUnique(t.replies, page.comments, (r) => r.id).items,
        repliesCursor: page.has_more ? page.cursor : null,
        repliesLoading: false,
      }));
    } catch (err) {
      patchThread(thread.comment.id, (t) => ({ ...t, repliesLoading: false }));
      showToast(errorMessage(err));
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const content = text.trim();
    if (!content || posting) return;
    if (content.length > MAX_LENGTH) {
      showToast(`Comments can be at most ${MAX_LENGTH} characters.`);
      return;
    }
    setPosting(true);
    try {
      const parentId = replyTo ? (replyTo.parent_id ?? replyTo.id) : null;
      const comment = await postComment(video.id, content, parentId);
      if (comment.parent_id) {
        patchThread(comment.parent_id, (t) => ({
          ...t,
          comment: { ...t.comment, reply_count: t.comment.reply_count + 1 },
          replies: [...t.replies, comment],
          repliesOpen: true,
        }));
      } else {
        setThreads((prev) => [threadOf(comment), ...prev]);
      }
      setTotal((n) => n + 1);
      countComment(video, 1);
      setText('');
      setReplyTo(null);
    } catch (err) {
      showToast(errorMessage(err));
    } finally {
      setPosting(false);
    }
  };

  const onDeleted = (comment: Comment) => {
    if (comment.parent_id) {
      patchThread(comment.parent_id, (t) => ({
        ...t,
        comment: { ...t.comment, reply_count: Math.max(0, t.comment.reply_count - 1) },
        replies: t.replies.filter((r) => r.id !== comment.id),
      }));
      setTotal((n) => Math.max(0, n - 1));
      countComment(video, -1);
    } else {
      const removed = 1 + (threads.find((t) => t.comment.id === comment.id)?.comment.reply_count ?? 0);
      setThreads((prev) => prev.filter((t) => t.comment.id !== comment.id));
      setTotal((n) => Math.max(0, n - removed));
      countComment(video, -removed);
    }
  };

  const reply = (comment: Comment) => {
    if (!me) {
      showToast('Log in to reply');
      return;
    }
    setReplyTo(comment);
    setText((t) => (t.startsWith(`@${comment.user.username} `) ? t : `@${comment.user.username} ${t}`));
    inputRef.current?.focus();
  };

  // Above the feed, not inside its scrolling item: typing must never scroll the feed to another video.
  const host = document.getElementById('overlay-root');
  const sheet = (
    <div className="sheet-backdrop" data-sheet-open="true">
      <button type="button" className="sheet-dismiss" aria-label="Close comments" tabIndex={-1} onClick={onClose} />
      <section
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        data-testid="comments-sheet"
      >
        <header className="sheet-header">
          <h2 id={`${ids}-title`}>
            {formatCount(total)} {total === 1 ? 'comment' : 'comments'}
          </h2>
          <button
            ref={closeRef}
            type="button"
            className="icon-button plain"
            aria-label="Close comments"
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        </header>
        <div className="sheet-body" aria-busy={loading}>
          {threads.map((thread) => (
            <div key={thread.comment.id} className="thread">
              <CommentRow
                comment={thread.comment}
                videoAuthorId={video.author.id}
                onReply={reply}
                onDeleted={onDeleted}
              />
              {thread.repliesOpen && (
                <div className="replies">
                  {thread.replies.map((r) => (
                    <CommentRow
                      key={r.id}
                      comment={r}
                      videoAuthorId={video.author.id}
                      onReply={reply}
                      onDeleted={onDeleted}
                    />
                  ))}
                </div>
              )}
              {thread.comment.reply_count > thread.replies.length && (
                <button
                  type="button"
                  className="link-button replies-toggle"
                  disabled={thread.repliesLoading}
                  onClick={() => void loadReplies(thread)}
                >
                  {thread.repliesLoading
                    ? 'Loading…'
                    : `View ${thread.comment.reply_count - thread.replies.length} ${
                        thread.comment.reply_count - thread.replies.length === 1 ? 'reply' : 'replies'
                      }`}
                </button>
              )}
            </div>
          ))}
          <ListStatus
            list={list}
            empty={<p className="muted sheet-empty">Be the first to comment.</p>}
            loadingLabel="Loading comments"
            box="sheet-empty"
            more="More comments"
          />
        </div>
        {me ? (
          <form className="composer" onSubmit={submit}>
            {replyTo && (
              <p className="replying">
                Replying to @{replyTo.user.username}
                <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
                  Cancel
                </button>
              </p>
            )}
            <div className="composer-row">
              <input
                ref={inputRef}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Add a comment…"
                aria-label="Add a comment"
                maxLength={MAX_LENGTH + 20}
                data-testid="comment-input"
              />
              <button
                type="submit"
                className="button primary"
                disabled={posting || !text.trim()}
                data-testid="comment-submit"
              >
                Post
              </button>
            </div>
          </form>
        ) : (
          <p className="composer muted">
            <Link to="/login">Log in</Link> to comment.
          </p>
        )}
      </section>
    </div>
  );
  return host ? createPortal(sheet, host) : sheet;
}
