import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { runtimeOf, TerraformAsset } from '../../cdk-runtime';

/**
 * The bundled handler, `assets/handler/index.js` at the package root. `src/constructs/internal`
 * and `lib/constructs/internal` are at the same depth, so one relative path serves both.
 */
export const HANDLER_BUNDLE_PATH = path.join(__dirname, '..', '..', '..', 'assets', 'handler', 'index.js');

/** Thrown when the handler bundle has not been built. */
export class HandlerBundleMissingError extends Error {
  constructor(bundlePath: string) {
    super(`the FME handler bundle ${bundlePath} is missing; run \`npx projen bundle:handler\` (or \`npm run build\`) in the cdktf-harness-fme package`);
    this.name = 'HandlerBundleMissingError';
  }
}

/** The library version, used as the asset hash so snapshots do not churn when handler code changes. */
function libraryVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
  return `v${pkg.version ?? '0.0.0'}`;
}

/**
 * Adds the handler to the stack output as a `TerraformAsset` (docs/terraform-facts.md, fact 7: local-exec runs in
 * the stack folder, and synth and apply may run on different machines).
 */
export function addHandlerAsset(scope: Construct, id: string, bundlePath: string = HANDLER_BUNDLE_PATH): TerraformAsset {
  if (!fs.existsSync(bundlePath)) throw new HandlerBundleMissingError(bundlePath);
  // The stack's own package (docs/cdk-terrain.md): an element of the other package may not synthesize in it.
  const { AssetType, TerraformAsset: Asset } = runtimeOf(scope).core;
  return new Asset(scope, id, { path: bundlePath, type: AssetType.FILE, assetHash: libraryVersion() });
}
