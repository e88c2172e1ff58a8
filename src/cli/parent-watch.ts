/**
 * Stops a long-running command when the process that started it dies, so killing an `npx`
 * wrapper (even with SIGKILL, which it cannot forward) never leaves the emulator listening.
 *
 * npm runs package binaries through `sh -c`, so the direct parent may be a shell that outlives the
 * killed `npx`; the watch therefore covers the parent and, when the parent is a shell, its parent
 * too. On Linux a change of our own parent id (re-parenting to init or a sub-reaper) also counts.
 */
import * as fs from 'fs';

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'busybox']);
const POLL_MS = 500;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Fields of `/proc/<pid>/stat` after the command name: state, ppid, … (Linux only). */
function procStat(pid: number | 'self'): { comm: string; ppid: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const ppid = Number(text.slice(close + 2).split(' ')[1]);
    return { comm, ppid };
  } catch {
    return undefined;
  }
}

/** The processes whose death ends this one. */
export function watchedProcesses(): number[] {
  const parent = process.ppid;
  const watched = [parent];
  const stat = procStat(parent);
  if (stat && SHELLS.has(stat.comm) && stat.ppid > 1) watched.push(stat.ppid);
  return watched;
}

/** Calls `onGone` once when a watched process ends; returns a function that stops watching. */
export function watchParent(onGone: (why: string) => void): () => void {
  const watched = watchedProcesses();
  const parentAtStart = procStat('self')?.ppid ?? process.ppid;
  const timer = setInterval(() => {
    const dead = watched.find((pid) => !alive(pid));
    const reparented = (procStat('self')?.ppid ?? parentAtStart) !== parentAtStart;
    if (dead !== undefined || reparented) {
      clearInterval(timer);
      onGone(dead !== undefined ? `process ${dead} that started it has exited` : 'its parent process has exited');
    }
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
