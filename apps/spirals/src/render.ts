import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';

import { predictProbabilities, type ClassSpectrum } from '@mixup/core';

import type { MixableNetwork } from '@mixup/core';

const CLASS_RGB: ReadonlyArray<readonly [number, number, number]> =
  [[33, 102, 172], [178, 24, 43]];
const CLASS_HEX = ['#2166ac', '#b2182b'];

/** A square window of a plane: centre and half-width. */
export interface Window {
  cx: number;
  cy: number;
  half: number;
}

/** The smallest square window around points, with a margin. */
export function windowAround(points: Float32Array, margin = 0.15): Window {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  const half = Math.max(maxX - minX, maxY - minY, 1e-3) * (0.5 + margin);
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half };
}

function gridPoints(win: Window, size: number): Float32Array {
  const grid = new Float32Array(2 * size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      grid[2 * i] = win.cx - win.half + (2 * win.half * (col + 0.5)) / size;
      grid[2 * i + 1] = win.cy + win.half - (2 * win.half * (row + 0.5)) / size;
    }
  }
  return grid;
}

/** Colours each pixel by its class, white where the model is unsure. */
function shade(probs: Float32Array, size: number): Buffer {
  const rgb = Buffer.alloc(3 * size * size);
  for (let i = 0; i < size * size; i++) {
    const p1 = probs[2 * i + 1];
    const cls = p1 > 0.5 ? 1 : 0;
    const t = Math.abs(2 * p1 - 1);
    for (let c = 0; c < 3; c++) {
      rgb[3 * i + c] = Math.round(255 * (1 - t) + CLASS_RGB[cls][c] * t);
    }
  }
  return rgb;
}

function pointsSvg(points: Float32Array, labels: Int32Array, win: Window,
    size: number, title: string): string {
  const circles: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const x = ((points[2 * i] - (win.cx - win.half)) / (2 * win.half)) * size;
    const y = (((win.cy + win.half) - points[2 * i + 1]) / (2 * win.half)) * size;
    circles.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" ` +
      `fill="${CLASS_HEX[labels[i]]}" stroke="black" stroke-width="1"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" ` +
    `height="${size}">${circles.join('')}<text x="8" y="20" ` +
    `font-family="DejaVu Sans, sans-serif" font-size="15">${title}</text></svg>`;
}

async function writeMap(file: string, probs: Float32Array, size: number,
    svg: string): Promise<void> {
  await sharp(shade(probs, size), { raw: { width: size, height: size,
    channels: 3 } })
      .composite([{ input: Buffer.from(svg) }]).png().toFile(file);
}

/**
 * The decision map in input space: each pixel shaded by the predicted
 * class and its confidence, the training points drawn over it.
 */
export async function renderInputMap(file: string, network: MixableNetwork,
    points: Float32Array, labels: Int32Array, title: string,
    size = 320): Promise<void> {
  const win: Window = { cx: 0, cy: 0, half: 1.5 };
  const grid = tf.tensor2d(gridPoints(win, size), [size * size, 2]);
  const probs = predictProbabilities(network, grid, 4096).values;
  grid.dispose();
  await writeMap(file, probs, size,
    pointsSvg(points, labels, win, size, title));
}

/**
 * The same picture in the 2-D hidden space at mix point `layer`: the head
 * evaluated over a grid of that plane, the training points' hidden codes
 * drawn over it.
 */
export async function renderHiddenMap(file: string, network: MixableNetwork,
    hidden: Float32Array, labels: Int32Array, layer: number, title: string,
    size = 320): Promise<void> {
  const win = windowAround(hidden);
  const probs = tf.tidy(() => {
    const grid = tf.tensor2d(gridPoints(win, size), [size * size, 2]);
    return tf.softmax(network.forwardFrom(grid, layer));
  });
  const values = probs.dataSync() as Float32Array;
  probs.dispose();
  await writeMap(file, values, size,
    pointsSvg(hidden, labels, win, size, title));
}

/**
 * Bars of each method's per-class singular values at the bottleneck:
 * the largest, and the sum of the rest.
 */
export async function renderSpectra(file: string,
    rows: ReadonlyArray<{ method: string; spectra: ClassSpectrum[] }>):
    Promise<void> {
  const width = 200 * rows.length + 60;
  const height = 300;
  const top = Math.max(1e-9, ...rows.flatMap((r) =>
    r.spectra.flatMap((s) => [s.largest, s.restSum])));
  const bars: string[] = [];
  rows.forEach((row, m) => {
    row.spectra.forEach((s, c) => {
      [s.largest, s.restSum].forEach((value, k) => {
        const h = (value / top) * 200;
        const x = 50 + m * 200 + c * 80 + k * 34;
        bars.push(`<rect x="${x}" y="${250 - h}" width="30" height="${h}" ` +
          `fill="${CLASS_HEX[c]}" fill-opacity="${k === 0 ? 1 : 0.45}"/>` +
          `<text x="${x + 15}" y="${244 - h}" font-size="10" ` +
          `text-anchor="middle">${value.toFixed(2)}</text>`);
      });
    });
    bars.push(`<text x="${50 + m * 200 + 65}" y="275" font-size="14" ` +
      `text-anchor="middle">${row.method}</text>`);
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" ` +
    `height="${height}"><rect width="100%" height="100%" fill="white"/>` +
    `<g font-family="DejaVu Sans, sans-serif">` +
    `<text x="10" y="20" font-size="14">Per-class singular values at the ` +
    `bottleneck (solid: largest; light: sum of the rest)</text>` +
    `${bars.join('')}</g></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
}
