/**
 * `cdktf-fme lookup`: writes the lookup context file synthesis checks names against
 * (docs/lookups.md), like `cdk.context.json` for aws-cdk-lib's `fromLookup`s.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OptionSpecs, ParsedArgs, stringOption, UsageError } from './args';
import { Command, CommandIo, HELP_OPTION } from './command';
import { describeTarget, lookUpWorkspace } from '../live/lookup';
import { readStackSpecs, StackFolderError, StackSpecs } from '../live/stack-specs';
import {
  DEFAULT_LOOKUP_CONTEXT_FILE, LookedUpWorkspace, lookupKey, parseLookupContext, renderLookupContext, withWorkspaces,
} from '../model/lookups/context-file';
import type { FmeTargetSpec } from '../spec/resource-spec';

export const LOOKUP_USAGE = `Usage: cdktf-fme lookup [--app-dir DIR] [--context-file FILE]

Reads, for every workspace the synthesized app's stacks name, its environments (with their
production and approval settings), traffic types and attribute schemas from FME, and writes them to
the lookup context file. Commit the file: cdktf synth then fails on an environment or traffic type
FME does not have, and warns about matcher attributes no schema lists. Entries of other workspaces
already in the file are kept. Run it again after creating an environment or traffic type in FME.

  --app-dir DIR       the synthesized app (default cdktf.out), or one stack folder
  --context-file FILE the file to write (default ${DEFAULT_LOOKUP_CONTEXT_FILE}; the same as FmeConfig
                      lookupContextFile)
  -h, --help          this text

The API key is read from the variable FmeConfig names (FME_API_KEY by default).
Exit codes: 0 written, 1 error (a workspace not found: nothing is written).`;

const OPTIONS: OptionSpecs = {
  'app-dir': { type: 'string' },
  'context-file': { type: 'string' },
  ...HELP_OPTION,
};

/** The stack folders of an app output folder (`<dir>/stacks/*`), or `dir` itself when it is one. */
function stackDirs(dir: string): string[] {
  if (fs.existsSync(path.join(dir, 'fme-bootstrap.json'))) return [dir];
  const stacks = path.join(dir, 'stacks');
  if (!fs.existsSync(stacks)) {
    throw new StackFolderError(`${dir} is not a synthesized app (no ${stacks}); run cdktf synth first, or pass --app-dir. If synth fails because `
      + 'the context file is out of date, run FME_LOOKUP_CHECKS=off cdktf synth first.');
  }
  return fs.readdirSync(stacks).sort().map((s) => path.join(stacks, s)).filter((s) => fs.existsSync(path.join(s, 'fme-bootstrap.json')));
}

async function runLookup(args: ParsedArgs, io: CommandIo): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'`);
  const appDir = stringOption(args, 'app-dir') ?? 'cdktf.out';
  const file = stringOption(args, 'context-file') ?? DEFAULT_LOOKUP_CONTEXT_FILE;
  const specs: StackSpecs[] = stackDirs(appDir).map(readStackSpecs);
  if (specs.length === 0) throw new StackFolderError(`${appDir} has no stack with an FmeConfig; nothing to look up.`);
  // One lookup per workspace, however many stacks name it.
  const byKey = new Map<string, { target: FmeTargetSpec; stacks: string[] }>();
  for (const s of specs) {
    const key = lookupKey(s.target);
    const entry = byKey.get(key) ?? { target: s.target, stacks: [] };
    entry.stacks.push(s.stack);
    byKey.set(key, entry);
  }
  const previous = fs.existsSync(file) ? parseLookupContext(fs.readFileSync(file, 'utf8'), file) : undefined;
  const found: Record<string, LookedUpWorkspace> = {};
  for (const [key, { target, stacks }] of byKey) {
    io.err(`looking up ${describeTarget(target)} (stack${stacks.length > 1 ? 's' : ''} ${stacks.join(', ')}) at ${target.apiBaseUrl}`);
    const w = await lookUpWorkspace(target, io.env, new Date());
    const attributes = w.trafficTypes.reduce((n, t) => n + (t.attributes?.length ?? 0), 0);
    io.err(`  ${w.workspace.name}: ${w.environments.length} environments (${w.environments.map((e) => e.name).join(', ')}), `
      + `${w.trafficTypes.length} traffic types (${w.trafficTypes.map((t) => t.name).join(', ')}), ${attributes} attributes`);
    found[key] = w;
  }
  fs.writeFileSync(file, renderLookupContext(withWorkspaces(previous, found)));
  io.out(`wrote ${file}: ${Object.keys(found).length} workspace${Object.keys(found).length === 1 ? '' : 's'} looked up`);
  return 0;
}

export const lookupCommand: Command = {
  name: 'lookup',
  summary: 'write the environments, traffic types and attributes synth checks names against',
  usage: LOOKUP_USAGE,
  options: OPTIONS,
  run: runLookup,
};
