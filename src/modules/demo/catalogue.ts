/** The demo catalogue a newcomer sees on first start: a few creators, each with a theme. */
export interface DemoCreator {
  username: string;
  displayName: string;
  bio: string;
  topics: string[];
  colours: string[];
}

// One creator a row: username, display name, bio, topics and colours (each space-separated).
const CREATOR_ROWS = [
  ['luna.dance', 'Luna', 'Choreography in 15 seconds', 'dance choreography fyp', '#ff3366 #ff7aa2'],
  ['chef.marco', 'Marco Cooks', 'Fast pasta, slow sauce', 'cooking pasta recipe', '#ff9f1c #ffbf69'],
  ['pixel.cat', 'Pixel the Cat', 'I knock things off tables', 'cats pets funny', '#2ec4b6 #8ae9c1'],
  ['trailrunner', 'Trail Runner', 'Mountains before breakfast', 'running outdoors fitness', '#3a86ff #8fb8ff'],
  ['synthwave.sam', 'Sam', 'Synths, loops and late nights', 'music synth producer', '#8338ec #c77dff'],
  ['checkmate.kim', 'Kim Plays Chess', 'One tactic a day', 'chess puzzle learn', '#06d6a0 #118ab2'],
] as const;

export const DEMO_CREATORS: readonly DemoCreator[] = CREATOR_ROWS.map(
  ([username, displayName, bio, topics, colours]) => ({
    username,
    displayName,
    bio,
    topics: topics.split(' '),
    colours: colours.split(' '),
  }),
);

const TITLES: Record<string, string[]> = {
  dance: ['Shuffle step', 'Spin combo', 'Slow groove', 'Footwork drill', 'Freestyle'],
  cooking: ['Garlic butter', '5 min carbonara', 'Knife skills', 'Crispy gnocchi', 'Tomato sauce'],
  cats: ['Zoomies', 'Box inspector', 'Laser hunt', 'Nap time', 'Table patrol'],
  running: ['Hill repeats', 'Sunrise 10k', 'Trail descent', 'Easy miles', 'Race day'],
  music: ['Bassline', 'Arp sequence', 'Drum loop', 'Pad swell', 'Chord stabs'],
  chess: ['Fork trick', 'Back rank', 'Pin it', 'Smothered mate', 'Endgame tip'],
};

export interface DemoVideoSpec {
  index: number;
  creator: DemoCreator;
  title: string;
  caption: string;
  hashtags: string[];
  colour: string;
}

/** `count` videos spread over the creators, the same list every time (index i is always the same video). */
export function demoVideoSpecs(count: number): DemoVideoSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const creator = DEMO_CREATORS[index % DEMO_CREATORS.length] as DemoCreator;
    const round = Math.floor(index / DEMO_CREATORS.length);
    const titles = TITLES[creator.topics[0] as string] ?? ['Clip'];
    const title = titles[round % titles.length] ?? 'Clip';
    const extra = round >= titles.length ? ` #${round + 1}` : '';
    return {
      index,
      creator,
      title: `${title}${extra}`,
      caption: `${title}${extra} — ${creator.bio.toLowerCase()} #${creator.topics[0]}`,
      hashtags: creator.topics,
      colour: creator.colours[round % creator.colours.length] ?? '#ff3366',
    };
  });
}
