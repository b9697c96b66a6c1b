/** Import context: file name, source format and error helpers that name the place (internal). */
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError.js';

export interface Place {
  line: number;
  column: number;
}

export interface ImportContext {
  file: string;
  format: 'oas30' | 'swagger2';
  /** Line/column of a JSON pointer in the source text, when it can be located. */
  locate: (pointer: string) => Place | undefined;
}

/** Builds (does not throw) an InvalidDefinitionError `file: #/pointer: message` with data { file, pointer, line?, column? }. */
export function invalid(ctx: Pick<ImportContext, 'file' | 'locate'>, pointer: string, message: string): InvalidDefinitionError {
  const place = ctx.locate(pointer);
  const at = place ? `${ctx.file}:${place.line}:${place.column}: ${pointer}` : `${ctx.file}: ${pointer}`;
  return new InvalidDefinitionError(`${at}: ${message}`, { file: ctx.file, pointer, ...place });
}
