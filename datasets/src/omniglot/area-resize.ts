/**
 * Where each source pixel on one axis goes: the output pixels it overlaps
 * and with what weight, flattened with a fixed count (zero-padded).
 */
interface AxisSpread {
  /** target[j * fan + k]: an output index that source j feeds. */
  target: Int32Array;
  /** weight[j * fan + k]: its share of that output's mean. */
  weight: Float64Array;
  fan: number;
}

/** Overlap of source pixel j with output [i*s, (i+1)*s), s = src / dst. */
function axisSpread(src: number, dst: number): AxisSpread {
  const scale = src / dst;
  const fan = Math.ceil(1 / scale) + 1;
  const target = new Int32Array(src * fan);
  const weight = new Float64Array(src * fan);
  for (let j = 0; j < src; j++) {
    const first = Math.floor(j / scale);
    const last = Math.min(dst - 1, Math.ceil((j + 1) / scale) - 1);
    for (let i = first, k = 0; i <= last; i++, k++) {
      const overlap = Math.min((i + 1) * scale, j + 1) - Math.max(i * scale, j);
      target[j * fan + k] = i;
      weight[j * fan + k] = Math.max(0, overlap) / scale;
    }
  }
  return { target, weight, fan };
}

/**
 * Builds an area-average (box filter) resizer for single-channel images:
 * each output pixel is the mean of the source area it covers, with
 * fractional edge pixels weighted by their overlap, rounded to the
 * nearest integer. Deterministic. Zero source pixels cost nothing, which
 * suits sparse ink images such as Omniglot's.
 *
 * @param srcH Source height. @param srcW Source width.
 * @param dstH Output height. @param dstW Output width.
 * @returns A function from [srcH, srcW] uint8 to [dstH, dstW] uint8.
 */
export function createAreaResizer(srcH: number, srcW: number, dstH: number,
    dstW: number): (src: Uint8Array) => Uint8Array {
  for (const v of [srcH, srcW, dstH, dstW]) {
    if (!(Number.isInteger(v) && v >= 1)) {
      throw new RangeError(
          `createAreaResizer: sizes must be integers >= 1, but got ${v}.`);
    }
  }
  const cols = axisSpread(srcW, dstW);
  const rows = axisSpread(srcH, dstH);
  const tmp = new Float64Array(srcH * dstW);
  const acc = new Float64Array(dstH * dstW);
  return (src) => {
    tmp.fill(0);
    acc.fill(0);
    const { target: ct, weight: cw, fan: cf } = cols;
    const { target: rt, weight: rw, fan: rf } = rows;
    for (let y = 0; y < srcH; y++) {
      const row = y * dstW;
      let any = false;
      for (let j = 0, p = y * srcW; j < srcW; j++, p++) {
        const v = src[p]!;
        if (v === 0) continue;
        any = true;
        for (let k = j * cf; k < (j + 1) * cf; k++) {
          tmp[row + ct[k]!]! += cw[k]! * v;
        }
      }
      if (!any) continue;
      // Horizontal pass done for row y: spread it over the output rows.
      for (let k = y * rf; k < (y + 1) * rf; k++) {
        const w = rw[k]!;
        if (w === 0) continue;
        const out = rt[k]! * dstW;
        for (let x = 0; x < dstW; x++) {
          acc[out + x]! += w * tmp[row + x]!;
        }
      }
    }
    const result = new Uint8Array(dstH * dstW);
    for (let i = 0; i < result.length; i++) {
      result[i] = Math.round(acc[i]!);
    }
    return result;
  };
}
