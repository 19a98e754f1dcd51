export { checkImageSize, decodeImage, decodeImages } from './decode-image.js';
export type { ImageSize } from './decode-image.js';
export {
  IMAGE_EXTENSIONS, listClassImages, listImageFolder, loadImageFolder,
} from './load-image-folder.js';
export type {
  ImageFolderArgs, ImageFolderData, ImageFolderListing,
} from './load-image-folder.js';
