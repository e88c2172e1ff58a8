/**
 * Entry point of the bundled handler (`assets/handler/index.js`):
 * `node index.js <converge|delete|reconcile>`, spec in `FME_SPEC` (or `FME_PREVIOUS` + `FME_NEXT`).
 * Progress goes to stdout, errors to stderr with exit code 1. See `run.ts`.
 */
import { main } from './run';

void main(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
