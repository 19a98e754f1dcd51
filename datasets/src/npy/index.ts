export { crc32 } from './crc32.js';
export { parseNpy, parseNpyHeader, readNpy, shapeSize } from './parse-npy.js';
export type { NpyArray, NpyData, NpyDtype, NpyHeader } from './parse-npy.js';
export { readNpz } from './read-npz.js';
export {
  findZipEntry, readZipDirectory, readZipMember, streamZipMember,
} from './zip-archive.js';
export type { ZipEntry } from './zip-archive.js';
