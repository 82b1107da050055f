// Search order: an exact name or alias (up to case, accents and transliteration) before fuzzy hits, people first.
import { describe, expect, it } from 'vitest';
import { namesExactly, rankSearchHits } from '../../core/search-text.ts';

const abbas = { id: 'person/mahmoud-abbas', kind: 'Person', names: ['Mahmoud Abbas', 'Abu Mazen', 'Abou Maazen'] };
const riah = { id: 'person/riah-abu-el-asal', kind: 'Person', names: ['Riah Abu El-Asal'] };
const review = { id: 'source/abu-mazin-review', kind: 'Source', names: ['Review of Abu Mazin, Through Secret Channels'] };

describe('search puts exact names first', () => {
  it('finds Mahmoud Abbas first for "Abu Mazin", above a fuzzy person and a source whose title contains the words', () => {
    expect(rankSearchHits('Abu Mazin', [riah, review, abbas]).map((h) => h.id)).toEqual([abbas.id, riah.id, review.id]);
  });

  it('folds case, accents and transliteration but not a different name', () => {
    expect([namesExactly('ABU MÁZEN', abbas.names), namesExactly('abu mazin', abbas.names), namesExactly('Abu Ala', abbas.names)]).toEqual([true, true, false]);
  });

  it('keeps the score order when nothing matches exactly', () => {
    expect(rankSearchHits('Abu', [riah, review, abbas]).map((h) => h.id)).toEqual([riah.id, review.id, abbas.id]);
  });
});
