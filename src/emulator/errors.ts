import { randomBytes } from 'crypto';

/**
 * An FME API error. Thrown by handlers and turned into FME's error envelope
 * `{code, message, details, transactionId}` (docs/fme-api.md#errors) by the server.
 */
export class ApiError extends Error {
  /** HTTP status code. */
  public readonly status: number;
  /** Optional detail text (FME sends `""` when there is none). */
  public readonly details: string;
  /**
   * When true the response has no body at all: FME answers a missing title/comment on a
   * workspace that requires them with an empty 400 (docs/fme-api.md#title-and-comment), and
   * clients must cope with that.
   */
  public readonly emptyBody: boolean;

  constructor(status: number, message: string, options: { details?: string; emptyBody?: boolean } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.details = options.details ?? '';
    this.emptyBody = options.emptyBody ?? false;
  }
}

/** 400 with FME's envelope. */
export function badRequest(message: string, details?: string): ApiError {
  return new ApiError(400, message, { details });
}

/** 404 with FME's envelope. */
export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}

/** 409 with FME's envelope. */
export function conflict(message: string): ApiError {
  return new ApiError(409, message);
}

/** The JSON body FME sends with an error status. */
export interface ErrorEnvelope {
  readonly code: number;
  readonly message: string;
  readonly details: string;
  readonly transactionId: string;
}

/** Builds the error envelope, with a fresh transaction id as FME does for every call. */
export function errorEnvelope(status: number, message: string, details = ''): ErrorEnvelope {
  return { code: status, message, details, transactionId: newTransactionId() };
}

/** FME transaction ids look like `22f0rxo8uno`: 11 lower-case base-36 characters. */
export function newTransactionId(): string {
  return randomBytes(8).readBigUInt64BE().toString(36).padStart(11, '0').slice(0, 11);
}
