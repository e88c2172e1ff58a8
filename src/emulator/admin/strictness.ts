import { conflict } from '../errors';
import { AdminRequest } from './request';

/** Where FME's answer is unconfirmed (README.md, "Fidelity"): `strict` refuses with 409, `lenient` goes on. */
export function conflictUnlessLenient(req: AdminRequest, message: string): void {
  if (req.strictness === 'strict') throw conflict(message);
}
