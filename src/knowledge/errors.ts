/** An ingestion failure that points at the source: `file:line: what was expected`. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly expected: string,
  ) {
    super(`${file}:${line}: ${expected}`);
    this.name = 'IngestError';
  }
}
