// Search order: an exact name or alias (up to case, accents and transliteration) before fuzzy hits, people first.
import { describe, expect, it } from 'vitest';
import { foldName, namesExactly, rankSearchHits, relevantTo, skeleton } from '../../core/search-text.ts';

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

describe('search keeps Arabic and Hebrew script', () => {
  it('folds vowel marks and hamza seats but keeps the letters', () => {
    expect([foldName('أبو عمّار'), foldName('مَحْمُود عَبَّاس'), foldName('שִׁמְעוֹן פֶּרֶס')]).toEqual(['ابو عمار', 'محمود عباس', 'שמעון פרס']);
    expect(skeleton('أحمد قريع')).toBe(skeleton('احمد قريع'));
  });

  it('finds Mahmoud Abbas first for "محمود عباس" and Shimon Peres first for "שמעון פרס"', () => {
    const peres = { id: 'person/shimon-peres', kind: 'Person', names: ['Shimon Peres', 'Shimon Perski', 'שמעון פרס'] };
    const withScript = { ...abbas, names: [...abbas.names, 'محمود عباس'] };
    const title = { id: 'source/abbas-arabic', kind: 'Source', names: ['كتاب محمود عباس'] };
    expect(rankSearchHits('محمود عباس', [title, riah, withScript, peres]).map((h) => h.id)[0]).toBe(abbas.id);
    expect(rankSearchHits('שמעון פרס', [title, riah, withScript, peres]).map((h) => h.id)[0]).toBe(peres.id);
  });
});

describe('which full-text hits are about the typed text', () => {
  it('keeps Qurei for "Qureia" and drops people who only share a consonant skeleton or a prefix of one', () => {
    const qurei = ['Ahmed Qurei', 'Abu Ala', 'Ahmed Qureia', 'أحمد قريع'];
    expect(relevantTo('Qureia', qurei)).toBe(true);
    expect(relevantTo('Qureia', ['Kåre Willoch'])).toBe(false);
    expect(relevantTo('Qureia', ['Bruno Kreisky'])).toBe(false);
    expect(relevantTo('Qureia', ['Carl Bildt'])).toBe(false);
  });

  it('tolerates a slip in a long word, transliterations, hyphenated names and other scripts', () => {
    expect(relevantTo('Hirshfeld', ['Yair Hirschfeld'])).toBe(true);
    expect(relevantTo('Bielin', ['Yossi Beilin'])).toBe(true);
    expect(relevantTo('Abu Mazin', ['Mahmoud Abbas', 'Abu Mazen'])).toBe(true);
    expect(relevantTo('Larsen', ['Terje Rød-Larsen'])).toBe(true);
    expect(relevantTo('عرفات', ['Yasser Arafat', 'ياسر عرفات'])).toBe(true);
    expect(relevantTo('Abu Ala', ['Sufian Abu Zaide'])).toBe(false);
    expect(relevantTo('Peres', ['Göran Persson'])).toBe(false);
    expect(relevantTo('', ['Anyone'])).toBe(false);
  });
});
