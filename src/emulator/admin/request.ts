import { Store } from '../store';
import type { EmulatorStrictness } from '../types';

/** What an Admin API handler gets. */
export interface AdminRequest {
  readonly store: Store;
  /** Decoded path parameters. */
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** The raw body text (updateDescription accepts raw text). */
  readonly rawBody: string;
  /** The admin key the caller authenticated with (change requests: approver ≠ submitter). */
  readonly callerKey: string;
  /** Where FME's behaviour is unconfirmed: refuse (`strict`) or accept (`lenient`); see README.md, "Fidelity". */
  readonly strictness: EmulatorStrictness;
  /** This server's own origin (`http://127.0.0.1:<port>`), for URLs it hands out (large segment uploads). */
  readonly origin: string;
  /** The body parsed as JSON (400 when malformed; `undefined` when empty). */
  json(): unknown;
}

/** An Admin API handler returns the JSON value to answer with status 200. */
export type AdminHandler = (req: AdminRequest) => unknown;
