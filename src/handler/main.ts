/**
 * Entry point of the bundled handler (`assets/handler/index.js`):
 * `node index.js <converge|delete|reconcile|bootstrap>`, spec in `FME_SPEC` (or `FME_PREVIOUS`
 * plus `FME_NEXT_FILE` / `FME_NEXT`; `FME_BOOTSTRAP_FILE`). Progress goes to stdout, errors to
 * stderr with exit code 1.
 * See `run.ts`.
 */
import { main } from './run';

// Terraform starts one handler process per FME object, so start-up cost is paid per object
// (docs/terraform-facts.md, fact 10; docs/decisions.md, D5).
// axios reads `FormData`, `Request` and `Response` when it loads; on Node 20 the first touch of
// any of these globals makes Node load its bundled undici (~28 ms of CPU per process, measured).
// The handler never uses them (axios takes its http adapter), so this process hides them first.
for (const name of ['fetch', 'FormData', 'Headers', 'Request', 'Response']) {
  Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
}

void main(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
