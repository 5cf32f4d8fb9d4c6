import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** MovieLens latest-small, resolved beside the repository (../shared/datasets) unless MOVIELENS_DIR says else. */
export function movielensDir(): string {
  const fromEnv = process.env.MOVIELENS_DIR;
  if (fromEnv) return fromEnv;
  const besideRepo = fileURLToPath(new URL('../../../shared/datasets/movielens-latest-small/', import.meta.url));
  if (!existsSync(besideRepo)) {
    throw new Error(`MovieLens not found at ${besideRepo}; set MOVIELENS_DIR to the movielens-latest-small directory`);
  }
  return besideRepo;
}

export interface Interaction {
  user: number;
  item: number;
  /** Seconds since the epoch. */
  time: number;
}

export interface Movie {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
}

export interface MovieLens {
  movies: Movie[];
  /** Per user, sorted by time (ties by item id). */
  byUser: Map<number, Interaction[]>;
  tags: Array<{ user: number; item: number; tag: string }>;
}

/** RFC 4180 lines: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c !== '\r') field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows.slice(1);
}

export function loadMovieLens(dir = movielensDir()): MovieLens {
  const read = (name: string) => parseCsv(readFileSync(`${dir}/${name}`, 'utf8'));
  const movies = read('movies.csv').map(([id, title = '', genres = '']) => {
    const year = /\((\d{4})\)\s*$/.exec(title)?.[1];
    return {
      id: Number(id),
      title: title.replace(/\s*\(\d{4}\)\s*$/, ''),
      year: year ? Number(year) : null,
      genres: genres === '(no genres listed)' ? [] : genres.split('|'),
    };
  });
  const byUser = new Map<number, Interaction[]>();
  for (const [user, item, , time] of read('ratings.csv')) {
    const interaction = { user: Number(user), item: Number(item), time: Number(time) };
    const list = byUser.get(interaction.user) ?? [];
    list.push(interaction);
    byUser.set(interaction.user, list);
  }
  for (const list of byUser.values()) list.sort((a, b) => a.time - b.time || a.item - b.item);
  const tags = read('tags.csv').map(([user, item, tag = '']) => ({ user: Number(user), item: Number(item), tag }));
  return { movies, byUser, tags };
}

export interface Split {
  train: Map<number, Interaction[]>;
  test: Map<number, Set<number>>;
}

/** The protocol of shared/datasets/README.md: per user, the last 20 % by time (at least one) is the test set. */
export function temporalSplit(data: MovieLens): Split {
  const train = new Map<number, Interaction[]>();
  const test = new Map<number, Set<number>>();
  for (const [user, list] of data.byUser) {
    const testSize = Math.max(1, Math.floor(list.length * 0.2));
    train.set(user, list.slice(0, list.length - testSize));
    test.set(user, new Set(list.slice(list.length - testSize).map((interaction) => interaction.item)));
  }
  return { train, test };
}
