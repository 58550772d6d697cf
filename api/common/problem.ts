// Domain errors that the exception filter turns into problem JSON
// `{ statusCode, error, message, details? }`. Services throw these; they never
// build HTTP responses themselves.

export interface ProblemDetail {
  /** JSON path of the offending field (`orderProducts[3].unitPrice`, `body.asOf`). */
  readonly path?: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

export class ProblemError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

/** 400: the request body, query or path parameter is malformed; details name the fields. */
export class ValidationProblem extends ProblemError {
  constructor(message: string, details: readonly ProblemDetail[]) {
    super(400, 'Bad Request', message, details);
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(message: string) {
    super(404, 'Not Found', message);
  }
}

/** 403: the key may not do this (beyond its role: e.g. approving its own publish request). */
export class ForbiddenProblem extends ProblemError {
  constructor(message: string) {
    super(403, 'Forbidden', message);
  }
}

export class ConflictProblem extends ProblemError {
  constructor(message: string, details?: unknown) {
    super(409, 'Conflict', message, details);
  }
}

/** 422: well-formed request the domain refuses (publishing a draft with errors). */
export class UnprocessableProblem extends ProblemError {
  constructor(message: string, details?: unknown) {
    super(422, 'Unprocessable Entity', message, details);
  }
}
