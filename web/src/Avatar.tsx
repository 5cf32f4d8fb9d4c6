/** A round avatar: the picture when there is one, else the first letter of the name. */
export function Avatar({ name, url, size = 48 }: { name: string; url: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (url) return <img className="avatar" src={url} alt="" width={size} height={size} style={style} />;
  return (
    <span className="avatar avatar-letter" style={style} aria-hidden="true">
      {(name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}
