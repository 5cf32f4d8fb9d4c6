/** The demo catalogue a newcomer sees on first start: a few creators, each with a theme. */
export interface DemoCreator {
  username: string;
  displayName: string;
  bio: string;
  topics: string[];
  colours: string[];
}

export const DEMO_CREATORS: readonly DemoCreator[] = [
  {
    username: 'luna.dance',
    displayName: 'Luna',
    bio: 'Choreography in 15 seconds',
    topics: ['dance', 'choreography', 'fyp'],
    colours: ['#ff3366', '#ff7aa2'],
  },
  {
    username: 'chef.marco',
    displayName: 'Marco Cooks',
    bio: 'Fast pasta, slow sauce',
    topics: ['cooking', 'pasta', 'recipe'],
    colours: ['#ff9f1c', '#ffbf69'],
  },
  {
    username: 'pixel.cat',
    displayName: 'Pixel the Cat',
    bio: 'I knock things off tables',
    topics: ['cats', 'pets', 'funny'],
    colours: ['#2ec4b6', '#8ae9c1'],
  },
  {
    username: 'trailrunner',
    displayName: 'Trail Runner',
    bio: 'Mountains before breakfast',
    topics: ['running', 'outdoors', 'fitness'],
    colours: ['#3a86ff', '#8fb8ff'],
  },
  {
    username: 'synthwave.sam',
    displayName: 'Sam',
    bio: 'Synths, loops and late nights',
    topics: ['music', 'synth', 'producer'],
    colours: ['#8338ec', '#c77dff'],
  },
  {
    username: 'checkmate.kim',
    displayName: 'Kim Plays Chess',
    bio: 'One tactic a day',
    topics: ['chess', 'puzzle', 'learn'],
    colours: ['#06d6a0', '#118ab2'],
  },
];

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
