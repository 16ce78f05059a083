/** A failure the user can act on: rendered as problem+json with a localized message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Key under `errors.` in the catalogs; also the problem's `code`. */
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const versionConflict = () => new AppError(409, 'version_conflict');
