/**
 * A fault in a data file: wrong format, truncated, inconsistent. The
 * message starts with the function name and names the file; `file` holds
 * the path for callers that want to point at it.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly file: string;

  /**
   * @param fn Name of the public function that found the fault.
   * @param file Path of the faulty file (or `archive:member`).
   * @param fault What is wrong, phrased `<rule>, but got <actual>`.
   */
  constructor(fn: string, file: string, fault: string) {
    super(`${fn}: ${file}: ${fault}.`);
    this.file = file;
  }
}
