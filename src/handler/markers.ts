import * as fs from 'fs';
import { CONVERGED_MARKER_DIR } from '../spec/resource-spec';

/**
 * Removes the bootstrap markers that applies other than `applyId` left behind (an apply killed
 * between the bootstrap and the objects' own steps). Markers never count outside their own apply
 * (see `CONVERGED_MARKER_DIR`), so this is housekeeping: the folder does not grow forever.
 * Plain file operations only: it runs before any network work, on the handler's start-up path.
 */
export function clearStaleMarkers(applyId: string | undefined, dir = CONVERGED_MARKER_DIR): void {
  if (!applyId) return;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder: nothing to clear
  }
  for (const name of names.filter((n) => !n.startsWith(`${applyId}-`))) {
    fs.rmSync(`${dir}/${name}`, { force: true });
  }
}
