import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DatasetError } from '../common/dataset-error.js';
import { checkImageSize, decodeImages } from './decode-image.js';
import type { ImageSize } from './decode-image.js';

/** File extensions read as images (compared in lower case). */
export const IMAGE_EXTENSIONS: readonly string[] =
    Object.freeze(['.png', '.jpg', '.jpeg']);

/** The files of an image-folder tree, not yet decoded. */
export interface ImageFolderListing {
  /** Class folder names, sorted by code unit. */
  classNames: string[];
  /** Image paths, grouped by class, sorted by name within a class. */
  files: string[];
  /** Class index of each file, shape [files.length]. */
  labels: Int32Array;
}

/** A decoded image folder. */
export interface ImageFolderData extends ImageFolderListing {
  /** Pixels NHWC, shape [files.length, height, width, channels], uint8. */
  images: Uint8Array;
  height: number;
  width: number;
  channels: number;
}

export interface ImageFolderArgs extends ImageSize {
  /** Only these class folders, in this order. @default all, sorted */
  classes?: string[];
  /** Images decoded at once. @default 4 */
  concurrency?: number;
}

function isVisibleDir(path: string, name: string): boolean {
  return !name.startsWith('.') && statSync(join(path, name)).isDirectory();
}

/** Image files directly inside `dir`, sorted; throws when there are none. */
export function listClassImages(fn: string, dir: string): string[] {
  const names = readdirSync(dir)
      .filter((f) => !f.startsWith('.') &&
          IMAGE_EXTENSIONS.includes(extname(f).toLowerCase()))
      .sort();
  if (names.length === 0) {
    throw new DatasetError(fn, dir, `a class folder must hold at least one ` +
        `${IMAGE_EXTENSIONS.join('/')} image, but got none`);
  }
  return names.map((f) => join(dir, f));
}

/**
 * Lists an image-folder tree: `root/<class>/<image>.{png,jpg,jpeg}`.
 * Hidden entries and files with other extensions are skipped.
 *
 * @param root The root folder.
 * @param classes Only these classes, in this order; default all, sorted.
 */
export function listImageFolder(
    root: string, classes?: string[]): ImageFolderListing {
  const fn = 'listImageFolder';
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new DatasetError(fn, root, 'the root must be a folder, but it is ' +
        (existsSync(root) ? 'a file' : 'missing'));
  }
  const classNames = classes ??
      readdirSync(root).filter((d) => isVisibleDir(root, d)).sort();
  if (classNames.length === 0) {
    throw new DatasetError(fn, root,
        'the root must hold one folder per class, but got none');
  }
  const files: string[] = [];
  const labels: number[] = [];
  classNames.forEach((name, k) => {
    const dir = join(root, name);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new DatasetError(fn, dir, 'the class folder is missing');
    }
    for (const file of listClassImages(fn, dir)) {
      files.push(file);
      labels.push(k);
    }
  });
  return { classNames, files, labels: Int32Array.from(labels) };
}

/**
 * Loads an image-folder tree, decoding every image through sharp and
 * resizing it to height x width.
 *
 * @param root Folder with one sub-folder per class.
 * @param args Output size, channels (1 or 3), optional class subset.
 * @returns Images [N, height, width, channels] uint8, labels, class names
 *     and the file of each image.
 */
export async function loadImageFolder(
    root: string, args: ImageFolderArgs): Promise<ImageFolderData> {
  checkImageSize('loadImageFolder', args);
  const listing = listImageFolder(root, args.classes);
  const images = await decodeImages(listing.files, args, args.concurrency);
  return {
    ...listing, images,
    height: args.height, width: args.width, channels: args.channels,
  };
}
