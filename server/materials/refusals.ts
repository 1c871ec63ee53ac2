import { HttpProblem } from '../http/problems.ts';

/** Why an uploaded file was not kept; nothing of it is left on disk or in the database. */
export type MaterialFault =
  | { kind: 'tooLarge'; maxBytes: number }
  | { kind: 'typeRefused'; allowed: readonly string[] }
  | { kind: 'noFile' };

function englishDetail(fault: MaterialFault): string {
  switch (fault.kind) {
    case 'tooLarge':
      return `The file is larger than ${fault.maxBytes} bytes`;
    case 'typeRefused':
      return `Only these file types are accepted: ${fault.allowed.join(', ')}`;
    case 'noFile':
      return 'Send one file as multipart/form-data in the field "file"';
  }
}

const STATUS = { tooLarge: 413, typeRefused: 415, noFile: 400 } as const;
const TITLE = { tooLarge: 'Content Too Large', typeRefused: 'Unsupported Media Type', noFile: 'Bad Request' };

/** A material refused: 413 too large, 415 a type not on the allow-list, 400 no file; names the field. */
export class MaterialRefused extends HttpProblem {
  constructor(readonly fault: MaterialFault) {
    super(STATUS[fault.kind], TITLE[fault.kind], englishDetail(fault), [
      { field: 'body.file', message: englishDetail(fault) },
    ]);
  }
}
