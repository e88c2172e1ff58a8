/** What a request was doing, so a failure can say which FME object it concerns. */
export interface OperationContext {
  /** Human-readable operation, e.g. `update definition`, `create flag`. */
  readonly operation: string;
  readonly flag?: string;
  readonly segment?: string;
  readonly flagSet?: string;
  readonly environment?: string;
  readonly workspace?: string;
}

/** Details of a failed Admin API call; contains no request headers, so no API key. */
export interface FmeApiErrorDetails extends OperationContext {
  readonly method: string;
  readonly path: string;
  /** HTTP status, absent for network errors and timeouts. */
  readonly status?: number;
  /** FME's own message (`message` of the error body), or the network error code. */
  readonly fmeMessage: string;
  readonly transactionId?: string;
  readonly attempts: number;
  readonly elapsedMs: number;
}

/** Describes the object an operation concerns: `flag "x" in environment "Production"`. */
export function describeSubject(ctx: OperationContext): string {
  const parts: string[] = [];
  if (ctx.flag !== undefined) parts.push(`flag "${ctx.flag}"`);
  if (ctx.segment !== undefined) parts.push(`segment "${ctx.segment}"`);
  if (ctx.flagSet !== undefined) parts.push(`flag set "${ctx.flagSet}"`);
  if (ctx.environment !== undefined) parts.push(`in environment "${ctx.environment}"`);
  if (ctx.workspace !== undefined) parts.push(`in workspace "${ctx.workspace}"`);
  return parts.join(' ');
}

function formatMessage(d: FmeApiErrorDetails): string {
  const subject = describeSubject(d);
  const what = subject ? `${d.operation} of ${subject}` : d.operation;
  const retried = d.attempts > 1 ? ` (gave up after ${d.attempts} attempts in ${(d.elapsedMs / 1000).toFixed(1)} s)` : '';
  if (d.status === undefined) {
    return `FME request failed: ${what}: network error ${d.fmeMessage}${retried}`;
  }
  return `FME rejected ${what}: HTTP ${d.status} ${d.fmeMessage}`.trimEnd() + retried;
}

/**
 * The final error of an Admin API call, after retries. Its message names the operation,
 * the flag or segment, the environment, the HTTP status and FME's message. It deliberately
 * carries no axios error (axios errors hold the request headers, including the API key).
 */
export class FmeApiError extends Error {
  public readonly operation: string;
  public readonly flag?: string;
  public readonly segment?: string;
  public readonly environment?: string;
  public readonly status?: number;
  public readonly fmeMessage: string;
  public readonly method: string;
  public readonly path: string;
  public readonly transactionId?: string;
  public readonly attempts: number;

  constructor(details: FmeApiErrorDetails) {
    super(formatMessage(details));
    this.name = 'FmeApiError';
    this.operation = details.operation;
    this.flag = details.flag;
    this.segment = details.segment;
    this.environment = details.environment;
    this.status = details.status;
    this.fmeMessage = details.fmeMessage;
    this.method = details.method;
    this.path = details.path;
    this.transactionId = details.transactionId;
    this.attempts = details.attempts;
  }
}

/** The client is misconfigured (e.g. the API key variable is not set); nothing was sent. */
export class FmeClientConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FmeClientConfigError';
  }
}
