// The random variation of one rendered line, as plain numbers, so that a
// rendering is a pure function of (text, font, jitter, height).

/** Geometric and photometric jitter of one line image. */
export interface LineJitter {
  /** Text height over line height, in (0, 1]. */
  readonly scale: number;
  /** Where the text sits in the free vertical space, in [0, 1]. */
  readonly offset: number;
  /** Slant: horizontal shift per unit of height (positive leans right). */
  readonly shear: number;
  /** Exponent on the ink coverage: < 1 thickens strokes, > 1 thins. */
  readonly strokeGamma: number;
  /** Baseline wobble amplitude, as a fraction of the text height. */
  readonly wobbleAmplitude: number;
  /** Wobble period, in text heights. */
  readonly wobblePeriod: number;
  /** Wobble phase, radians. */
  readonly wobblePhase: number;
  /** Gaussian blur sigma in output pixels; below 0.3 means none. */
  readonly blur: number;
  /** Standard deviation of pixel noise, on a [0, 1] intensity scale. */
  readonly noise: number;
  /** Seed of the noise pattern. */
  readonly noiseSeed: number;
}

/** A clean line: centred, upright, unblurred, noiseless. */
export const NO_JITTER: LineJitter = Object.freeze({
  scale: 0.85, offset: 0.5, shear: 0, strokeGamma: 1, wobbleAmplitude: 0,
  wobblePeriod: 4, wobblePhase: 0, blur: 0, noise: 0, noiseSeed: 0,
});

/**
 * Draws a jitter: scale in [0.7, 0.95], slant in [-0.25, 0.25], stroke
 * exponent in [0.6, 1.6], wobble up to 6% of the text height, blur sigma
 * up to 1 px and noise up to 0.08.
 *
 * @param random Uniform draws in [0, 1), from a seeded generator.
 */
export function drawLineJitter(random: () => number): LineJitter {
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  return {
    scale: between(0.7, 0.95),
    offset: random(),
    shear: between(-0.25, 0.25),
    strokeGamma: Math.exp(between(Math.log(0.6), Math.log(1.6))),
    wobbleAmplitude: between(0, 0.06),
    wobblePeriod: between(2, 8),
    wobblePhase: between(0, 2 * Math.PI),
    blur: between(0, 1),
    noise: between(0, 0.08),
    noiseSeed: Math.floor(random() * 4294967296) >>> 0,
  };
}
