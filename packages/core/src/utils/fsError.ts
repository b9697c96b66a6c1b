import { GitwayError } from '../errors/GitwayError.js';
import { ReadOnlyRepositoryError } from '../errors/ReadOnlyRepositoryError.js';
import { DiskFullError } from '../errors/DiskFullError.js';
import { InvalidNameError } from '../errors/InvalidNameError.js';
import { NotARepositoryError } from '../errors/NotARepositoryError.js';

/** The `code` of a system error (ENOENT, EROFS...), or ''. */
export function errnoCode(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : '';
}

/**
 * Turns a raw file-system error met while doing `action` ("write refs/heads/main",
 * "write objects") into gitway's typed error, without absolute paths: EROFS/EACCES/EPERM
 * -> ReadOnlyRepositoryError, ENOSPC/EDQUOT -> DiskFullError, ENAMETOOLONG ->
 * InvalidNameError, ELOOP -> NotARepositoryError. Anything else (and gitway's own
 * errors) is returned as it is.
 *
 * @example
 * try { await fs.promises.writeFile(p, data); } catch (err) { throw fsError(err, 'write objects'); }
 */
export function fsError(err: unknown, action: string): unknown {
  if (err instanceof GitwayError) return err;
  const code = errnoCode(err);
  switch (code) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new ReadOnlyRepositoryError(`cannot ${action}: the repository is read-only (${code})`, { action, cause: code });
    case 'ENOSPC':
    case 'EDQUOT':
      return new DiskFullError(`cannot ${action}: no space left on the device (${code})`, { action, cause: code });
    case 'ENAMETOOLONG':
      return new InvalidNameError(`cannot ${action}: the name is too long for the file system`, { kind: 'path', action, cause: code });
    case 'ELOOP':
      return new NotARepositoryError(`cannot ${action}: the repository path is a loop of symbolic links`, { action, cause: code });
    default:
      return err;
  }
}
