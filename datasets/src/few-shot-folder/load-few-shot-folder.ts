import { checkImageSize, decodeImages } from '../image-folder/decode-image.js';
import type { ImageSize } from '../image-folder/decode-image.js';
import { listImageFolder } from '../image-folder/load-image-folder.js';
import type { ImageFolderData } from '../image-folder/load-image-folder.js';
import { FEW_SHOT_SPLITS, readFewShotSplits } from './few-shot-splits.js';
import type { FewShotSplit } from './few-shot-splits.js';

export interface FewShotFolderArgs extends ImageSize {
  /** Which split's classes to decode. */
  split: FewShotSplit;
  /** Where the split files are. @default the root */
  splitsDir?: string;
  /** Images decoded at once. @default 4 */
  concurrency?: number;
}

/** One decoded split; `labels` index into `classNames` (this split's). */
export interface FewShotFolderData extends ImageFolderData {
  split: FewShotSplit;
}

/**
 * Loads one split of a few-shot image folder (the miniImageNet, CUB and
 * CIFAR-FS layout: one folder per class plus split lists; see
 * `readFewShotSplits`), decoding and resizing through sharp.
 *
 * @param root Folder with one sub-folder per class.
 * @param args Split, output size and channels (1 or 3).
 * @returns Images [N, height, width, channels] uint8 and labels 0..K-1 in
 *     the order the split file lists the classes.
 */
export async function loadFewShotFolder(
    root: string, args: FewShotFolderArgs): Promise<FewShotFolderData> {
  if (!FEW_SHOT_SPLITS.includes(args.split)) {
    throw new RangeError(`loadFewShotFolder: split must be base, val or ` +
        `novel, but got ${args.split}.`);
  }
  checkImageSize('loadFewShotFolder', args);
  const classes = readFewShotSplits(root, args.splitsDir)[args.split];
  if (classes.length === 0) {
    throw new RangeError(
        `loadFewShotFolder: split ${args.split} lists no classes.`);
  }
  const listing = listImageFolder(root, classes);
  const images = await decodeImages(listing.files, args, args.concurrency);
  return {
    ...listing, images, split: args.split,
    height: args.height, width: args.width, channels: args.channels,
  };
}
