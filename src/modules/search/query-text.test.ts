import { describe, expect, it } from 'vitest';
import {
  correctedTsQuery,
  exactTsQuery,
  findsNothing,
  lastWord,
  parseSearchText,
  prefixTsQuery,
  startsWithPattern,
  typoPrefixTsQuery,
  vocabularyOf,
} from './query-text.ts';

describe('search query text', () => {
  it('splits what a person typed into the forms each document is compared with', () => {
    expect(parseSearchText('  #Dance   Challenge! ')).toEqual({
      phrase: '#Dance Challenge!',
      tag: 'dancechallenge',
      handle: 'dancechallenge',
      words: ['dance', 'challenge'],
    });
    expect(parseSearchText('@Maria.Lopez_9')).toMatchObject({ tag: 'marialopez_9', handle: 'maria.lopez_9' });
    expect(parseSearchText('Ｃａｆé 💃 ＤＡＮＣＥ dance').words).toEqual(['café', 'dance']);
  });

  it('refuses an empty or too long query and finds nothing without a letter or digit', () => {
    expect(() => parseSearchText(undefined)).toThrow(expect.objectContaining({ code: 'QUERY_REQUIRED' }));
    expect(() => parseSearchText(' \t ')).toThrow(expect.objectContaining({ code: 'QUERY_REQUIRED' }));
    expect(() => parseSearchText('a'.repeat(201))).toThrow(expect.objectContaining({ code: 'QUERY_TOO_LONG' }));
    // Emoji are one character each, as a person counts them.
    expect(parseSearchText('💃'.repeat(200)).words).toEqual([]);
    for (const query of ['%', '_', "'", '\\', '💃🔥', "'; --"]) expect(findsNothing(parseSearchText(query))).toBe(true);
    expect(parseSearchText(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).words).toHaveLength(8);
  });

  it('keeps tsquery syntax and LIKE wildcards of the input inert', () => {
    const { words } = parseSearchText("it's a:* & !b | (c)");
    expect(exactTsQuery(words)).toBe("'it' & 's' & 'a' & 'b' & 'c'");
    expect(prefixTsQuery(['dan'], 'AB')).toBe("'dan':*AB");
    expect(correctedTsQuery(['choreografy', 'dan'], new Map([['choreografy', ['choreography', "bad'term"]]]))).toBe(
      "('choreografy':* | 'choreography') & 'dan':*",
    );
    expect(exactTsQuery([])).toBeNull();
    expect(startsWithPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });

  it("matches the last word as a typo'd prefix too, every other word as a prefix", () => {
    const { words } = parseSearchText('Street dnac');
    expect(lastWord(parseSearchText('Street dnac!'))).toBe('dnac');
    expect(typoPrefixTsQuery(words, ['danc', 'dna'])).toBe("'street':* & ('dnac':* | 'danc':* | 'dna':*)");
    expect(typoPrefixTsQuery(['dnac'], ['danc'], 'AB')).toBe("('dnac':*AB | 'danc':*AB)");
    // Without a typo'd prefix the prefix query says it all; a prefix that is not a word stays out of tsquery.
    expect(typoPrefixTsQuery(words, [])).toBeNull();
    expect(typoPrefixTsQuery(words, ["d'a", 'da:*'])).toBeNull();
    // The wide query: corrections of any word, typo'd prefixes of the last one.
    expect(correctedTsQuery(['choreografy', 'dnac'], new Map([['choreografy', ['choreography']]]), ['danc'])).toBe(
      "('choreografy':* | 'choreography') & ('dnac':* | 'danc':*)",
    );
  });

  it('takes the vocabulary from captions, hashtags, sound titles and display names', () => {
    expect(vocabularyOf(['My FIRST choreography, at 10!', 'dance_crew', 'ok'])).toEqual([
      'first',
      'choreography',
      'dance',
      'crew',
    ]);
    expect(vocabularyOf(['Ｓｕｍｍｅｒ Vibes (remix)', 'Skater Girl'])).toEqual([
      'summer',
      'vibes',
      'remix',
      'skater',
      'girl',
    ]);
  });
});
