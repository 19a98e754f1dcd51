// The character set of a recogniser: symbol ids 1..K for its characters,
// 0 for the CTC blank. Derived from the training text, saved with a model.

/** Characters outside a charset found in some lines, with counts. */
export interface CharsetReport {
  /** Lines whose every character is in the set. */
  readonly kept: string[];
  /** Lines with at least one unknown character (never silently dropped). */
  readonly rejected: string[];
  /** Each unknown character and how many times it occurs. */
  readonly unknown: ReadonlyMap<string, number>;
}

/** A sorted set of characters; id 0 is the blank, ids 1..size are chars. */
export class Charset {
  readonly chars: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  /** @param chars Distinct single characters (code points). */
  constructor(chars: readonly string[]) {
    const seen = new Set<string>();
    for (const c of chars) {
      if (Array.from(c).length !== 1 || seen.has(c)) {
        throw new RangeError(
          `Charset: chars must be distinct single characters, but got ` +
          `${JSON.stringify(c)}.`);
      }
      seen.add(c);
    }
    this.chars = [...chars];
    this.ids = new Map(this.chars.map((c, i) => [c, i + 1]));
  }

  /** The sorted set of characters used in `lines`. */
  static fromLines(lines: Iterable<string>): Charset {
    const set = new Set<string>();
    for (const line of lines) for (const c of line) set.add(c);
    return new Charset([...set].sort());
  }

  /** Reads the JSON form written by `toJSON`. */
  static fromJSON(json: { chars: string[] }): Charset {
    if (json == null || !Array.isArray(json.chars)) {
      throw new TypeError(
        'Charset.fromJSON: expected an object with a chars array, but got ' +
        `${JSON.stringify(json)}.`);
    }
    return new Charset(json.chars);
  }

  /** Number of characters K; the CTC vocabulary is V = K + 1. */
  get size(): number {
    return this.chars.length;
  }

  /** V = K + 1: the characters plus the blank (id 0). */
  get vocabularySize(): number {
    return this.chars.length + 1;
  }

  has(char: string): boolean {
    return this.ids.has(char);
  }

  /** Symbol ids in [1, K] of a line; throws on an unknown character. */
  encode(line: string): number[] {
    return Array.from(line, (c) => {
      const id = this.ids.get(c);
      if (id === undefined) {
        throw new RangeError(
          `Charset.encode: every character must be in the charset, but ` +
          `got ${JSON.stringify(c)} in ${JSON.stringify(line)}.`);
      }
      return id;
    });
  }

  /** The text of symbol ids; the blank (0) and unknown ids are skipped. */
  decode(ids: ArrayLike<number>): string {
    let out = '';
    for (let i = 0; i < ids.length; i++) out += this.chars[ids[i] - 1] ?? '';
    return out;
  }

  /** Splits lines into those it can encode and those it cannot. */
  check(lines: readonly string[]): CharsetReport {
    const kept: string[] = [];
    const rejected: string[] = [];
    const unknown = new Map<string, number>();
    for (const line of lines) {
      let ok = true;
      for (const c of line) {
        if (this.ids.has(c)) continue;
        ok = false;
        unknown.set(c, (unknown.get(c) ?? 0) + 1);
      }
      (ok ? kept : rejected).push(line);
    }
    return { kept, rejected, unknown };
  }

  toJSON(): { chars: string[] } {
    return { chars: [...this.chars] };
  }
}
