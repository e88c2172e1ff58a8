import { redact } from '../client/redact';
import type { ObjectResourceSpec } from '../spec/resource-spec';

/** Where progress and errors go; swapped for an in-memory sink in tests. */
interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const processSink: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Progress on stdout, one line per FME object touched (`[fme] flag x / Production: …`), and
 * errors on stderr. Every line passes through {@link redact} for each registered secret, so the
 * API key cannot reach Terraform's output even if FME echoes it back.
 */
export class Log {
  private readonly secrets: string[] = [];

  constructor(private readonly sink: LogSink = processSink) {}

  /** Registers a value that must never be printed. */
  public addSecret(value: string | undefined): void {
    if (value) this.secrets.push(value);
  }

  public info(message: string): void {
    this.sink.out(this.clean(`[fme] ${message}`));
  }

  public warn(message: string): void {
    this.sink.out(this.clean(`[fme] warning: ${message}`));
  }

  public error(message: string): void {
    this.sink.err(this.clean(`[fme] error: ${message}`));
  }

  private clean(line: string): string {
    return this.secrets.reduce((text, secret) => redact(text, secret), line);
  }
}

/** `flag new_checkout / Production` — how progress lines name an object. */
export function objectLabel(kind: 'flag' | 'segment' | 'flag set' | 'large segment', name: string, environment?: string): string {
  return environment === undefined ? `${kind} ${name}` : `${kind} ${name} / ${environment}`;
}

/** How progress lines name the object of a flag or segment spec. */
export function specLabel(spec: ObjectResourceSpec): string {
  if (spec.kind === 'flagSet') return objectLabel('flag set', spec.flagSetName);
  if (spec.kind === 'ruleBasedSegment') return `rule-based segment ${spec.segmentName}`;
  if (spec.kind === 'largeSegment') return objectLabel('large segment', spec.segmentName);
  return spec.kind === 'flag' ? objectLabel('flag', spec.flagName) : objectLabel('segment', spec.segmentName);
}
