import { readFileSync } from 'node:fs';
import { DatasetError } from '../common/dataset-error.js';

/** Which Omniglot npz an alphabet lives in. */
export type OmniglotSet = 'background' | 'evaluation';

/** One alphabet and where its characters sit in its set's npz. */
export interface OmniglotAlphabet {
  /** Folder name as in the Vinyals split lists, e.g. `Latin`. */
  name: string;
  set: OmniglotSet;
  /** Omniglot character ids firstCharId..lastCharId (1..1623). */
  firstCharId: number;
  lastCharId: number;
  numCharacters: number;
  /** npz class index of `character01`; characterNN is this + NN - 1. */
  npzFirstIndex: number;
}

const TSV_HEADER = 'alphabet\tset\tfirst_char_id\tlast_char_id\t' +
    'num_characters\tnpz_first_index';

// Built-in copy of alphabets.tsv (name, set, first id, count, npz index),
// so that downloaded data, which lacks that derived file, still loads.
const BUILT_IN: [string, 'b' | 'e', number, number, number][] = [
  ['Arcadian', 'b', 1, 26, 0],
  ['Armenian', 'b', 27, 41, 26],
  ['Asomtavruli_(Georgian)', 'b', 68, 40, 67],
  ['Balinese', 'b', 108, 24, 107],
  ['Bengali', 'b', 132, 46, 131],
  ['Blackfoot_(Canadian_Aboriginal_Syllabics)', 'b', 178, 14, 177],
  ['Braille', 'b', 192, 26, 191],
  ['Cyrillic', 'b', 218, 33, 217],
  ['Early_Aramaic', 'b', 251, 22, 250],
  ['Syriac_(Estrangelo)', 'b', 273, 23, 272],
  ['Anglo-Saxon_Futhorc', 'b', 296, 29, 295],
  ['Futurama', 'b', 325, 26, 324],
  ['Grantha', 'b', 351, 43, 350],
  ['Greek', 'b', 394, 24, 393],
  ['Gujarati', 'b', 418, 48, 417],
  ['Hebrew', 'b', 466, 22, 465],
  ['Japanese_(hiragana)', 'b', 488, 52, 487],
  ['Inuktitut_(Canadian_Aboriginal_Syllabics)', 'b', 540, 16, 539],
  ['Malay_(Jawi_-_Arabic)', 'b', 556, 40, 555],
  ['Japanese_(katakana)', 'b', 596, 47, 595],
  ['Korean', 'b', 643, 40, 642],
  ['Latin', 'b', 683, 26, 682],
  ['Alphabet_of_the_Magi', 'b', 709, 20, 708],
  ['Mkhedruli_(Georgian)', 'b', 729, 41, 728],
  ['Burmese_(Myanmar)', 'b', 770, 34, 769],
  ['N_Ko', 'b', 804, 33, 803],
  ['Ojibwe_(Canadian_Aboriginal_Syllabics)', 'b', 837, 14, 836],
  ['Sanskrit', 'b', 851, 42, 850],
  ['Tagalog', 'b', 893, 17, 892],
  ['Tifinagh', 'b', 910, 55, 909],
  ['Angelic', 'e', 965, 20, 0],
  ['Atemayar_Qelisayer', 'e', 985, 26, 20],
  ['Atlantean', 'e', 1011, 26, 46],
  ['Aurek-Besh', 'e', 1037, 26, 72],
  ['Avesta', 'e', 1063, 26, 98],
  ['Ge_ez', 'e', 1089, 26, 124],
  ['Glagolitic', 'e', 1115, 45, 150],
  ['Gurmukhi', 'e', 1160, 45, 195],
  ['Kannada', 'e', 1205, 41, 240],
  ['Keble', 'e', 1246, 26, 281],
  ['Malayalam', 'e', 1272, 47, 307],
  ['Manipuri', 'e', 1319, 40, 354],
  ['Mongolian', 'e', 1359, 30, 394],
  ['Old_Church_Slavonic_(Cyrillic)', 'e', 1389, 45, 424],
  ['Oriya', 'e', 1434, 46, 469],
  ['Syriac_(Serto)', 'e', 1480, 23, 515],
  ['Sylheti', 'e', 1503, 28, 538],
  ['Tengwar', 'e', 1531, 25, 566],
  ['Tibetan', 'e', 1556, 42, 591],
  ['ULOG', 'e', 1598, 26, 633],
];

/** The 50 Omniglot alphabets (30 background, 20 evaluation). */
export const OMNIGLOT_ALPHABETS: readonly OmniglotAlphabet[] = Object.freeze(
  BUILT_IN.map(([name, s, first, count, npz]) => Object.freeze({
    name, set: s === 'b' ? 'background' : 'evaluation',
    firstCharId: first, lastCharId: first + count - 1,
    numCharacters: count, npzFirstIndex: npz,
  } as OmniglotAlphabet)));

/**
 * Reads `alphabets.tsv` (columns alphabet, set, first_char_id,
 * last_char_id, num_characters, npz_first_index; a header line first).
 *
 * @param path The TSV file.
 */
export function readAlphabetsTsv(path: string): OmniglotAlphabet[] {
  const lines = readFileSync(path, 'utf8').split('\n')
      .map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  if (lines[0] !== TSV_HEADER) {
    throw new DatasetError('readAlphabetsTsv', path, `the header must be ` +
        `${JSON.stringify(TSV_HEADER)}, but got ${JSON.stringify(lines[0])}`);
  }
  return lines.slice(1).map((line, i) => {
    const f = line.split('\t');
    const nums = f.slice(2).map(Number);
    const ok = f.length === 6 &&
        (f[1] === 'background' || f[1] === 'evaluation') &&
        nums.every((n) => Number.isInteger(n) && n >= 0) &&
        nums[1]! - nums[0]! + 1 === nums[2];
    if (!ok) {
      throw new DatasetError('readAlphabetsTsv', path, `line ${i + 2} must ` +
          `have 6 consistent fields, but got ${JSON.stringify(line)}`);
    }
    return {
      name: f[0]!, set: f[1] as OmniglotSet, firstCharId: nums[0]!,
      lastCharId: nums[1]!, numCharacters: nums[2]!, npzFirstIndex: nums[3]!,
    };
  });
}
