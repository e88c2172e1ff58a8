/**
 * `cdktf-fme import`: TypeScript for the live flags and segments of a workspace (docs/live.md#import).
 */
import * as fs from 'fs';
import { flagOption, listOption, OptionSpecs, ParsedArgs, stringOption, UsageError } from './args';
import { Command, CommandIo, HELP_OPTION } from './command';
import { HandlerContext } from '../handler/context';
import { Log } from '../handler/log';
import { claimImported } from '../live/import/claim';
import { readWorkspace } from '../live/import/read-workspace';
import { writeTypeScript } from '../live/import/typescript-writer';
import type { FmeTargetSpec } from '../spec/resource-spec';

const DEFAULT_BASE_URL = 'https://api.split.io/internal/api/v2';

export const IMPORT_USAGE = `Usage: cdktf-fme import --stack ID [--workspace NAME] [--flag PATTERN]... [--tag TAG]...
                       [--environment NAME]... [--segment PATTERN]... [--out FILE] [--library MODULE]

Writes TypeScript — FeatureFlag, RolloutPlan (treatments and configs, individual targets,
TargetingRule with Matcher.*, DefaultRule, limit exposure), KillSwitch, Segment, RuleBasedSegment —
for the live flags of a workspace, and the segments and rule-based segments they use. What the library cannot express yet is written
as a comment, with a warning on stderr. The imported objects are recorded as owned by the stack
--stack (docs/ownership.md), so deploying the generated code changes nothing in FME; objects
another stack owns are not taken (warning), and 'cdktf-fme diff' shows them as such.

  --stack ID          the FmeConfig stackId of the stack that will hold the code (required)
  --no-claim          do not record ownership (the first deploy then adopts the objects)
  --workspace NAME    workspace (default Default)
  --api-base-url URL  Admin API base URL (default $FME_API_BASE_URL, else ${DEFAULT_BASE_URL})
  --api-key-env VAR   variable holding the Admin API key (default FME_API_KEY)
  --flag PATTERN      only flags whose name matches (* = any characters); repeatable
  --tag TAG           only flags with this tag; repeatable
  --environment NAME  only these environments; repeatable
  --segment PATTERN   also import these segments and rule-based segments (default: those the
                      flags use; every one when no flag filter is given); repeatable
  --out FILE          write the code here (default: stdout)
  --library MODULE    module to import the constructs from (default cdktf-harness-fme)
  --function NAME     name of the generated function (default importedFromFme)
  -h, --help          this text

Exit codes: 0 written, 2 written with warnings (something left as a comment), 1 error.`;

const OPTIONS: OptionSpecs = {
  'stack': { type: 'string' },
  'no-claim': { type: 'boolean' },
  'workspace': { type: 'string' },
  'api-base-url': { type: 'string' },
  'api-key-env': { type: 'string' },
  'flag': { type: 'string', multiple: true },
  'tag': { type: 'string', multiple: true },
  'environment': { type: 'string', multiple: true },
  'segment': { type: 'string', multiple: true },
  'out': { type: 'string' },
  'library': { type: 'string' },
  'function': { type: 'string' },
  ...HELP_OPTION,
};

async function runImport(args: ParsedArgs, io: CommandIo): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument '${args.positionals[0]}'`);
  const stack = stringOption(args, 'stack');
  if (!stack) throw new UsageError('Give --stack: the stackId of the stack that will hold the imported code (it becomes the objects\' owner)');
  const workspace = stringOption(args, 'workspace') ?? 'Default';
  const target: FmeTargetSpec = {
    apiBaseUrl: stringOption(args, 'api-base-url') ?? io.env.FME_API_BASE_URL ?? DEFAULT_BASE_URL,
    workspaceName: workspace,
    apiKeyEnvVar: stringOption(args, 'api-key-env') ?? 'FME_API_KEY',
    maxRetrySeconds: 300,
  };
  const log = new Log({ out: (l) => io.err(l), err: (l) => io.err(l) });
  const ctx = await HandlerContext.create(target, log, io.env);
  const exported = await readWorkspace(ctx, {
    flags: listOption(args, 'flag'), tags: listOption(args, 'tag'), environments: listOption(args, 'environment'), segments: listOption(args, 'segment'),
  });
  const code = writeTypeScript(exported.flags, exported.segments, {
    source: `workspace "${workspace}"`,
    library: stringOption(args, 'library'),
    functionName: stringOption(args, 'function'),
  }, exported.ruleBasedSegments);
  for (const w of code.warnings) io.err(`cdktf-fme import: warning: ${w}`);
  const out = stringOption(args, 'out');
  if (out) fs.writeFileSync(out, code.text);
  else io.out(code.text);
  if (!flagOption(args, 'no-claim')) {
    const claim = await claimImported(ctx, exported, stack);
    for (const u of claim.unrecorded) {
      io.err(`cdktf-fme import: warning: ${u}: FME takes no tags on segments in this workspace, so its owner is recorded only in the importing stack's inventory (docs/ownership.md)`);
    }
    for (const u of claim.unrecordable) {
      io.err(`cdktf-fme import: warning: ${u}: its owner cannot be recorded in FME (a rule-based segment carries it only in the description written when `
        + `the library creates it, and no Admin API endpoint changes that), so stack "${stack}" owns it only through its inventory after its first deploy `
        + '(docs/ownership.md)');
    }
    for (const r of claim.refused) io.err(`cdktf-fme import: warning: ownership of ${r}; the first deploy records it (or stops there, like this)`);
    for (const o of claim.ownedElsewhere) io.err(`cdktf-fme import: warning: ${o} was not taken; set transferFrom on its construct to move it to stack "${stack}"`);
    const ruleBased = exported.ruleBasedSegments.length > 0 ? `, ${exported.ruleBasedSegments.length} rule-based segment(s)` : '';
    io.err(`cdktf-fme import: ${exported.flags.length} flag(s), ${exported.segments.length} segment(s)${ruleBased}${out ? ` written to ${out}` : ''}; `
      + `${claim.claimed.length} recorded as owned by stack "${stack}"`);
    if (claim.ownedElsewhere.length > 0 || claim.refused.length > 0) return 2;
  }
  return code.warnings.length > 0 ? 2 : 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'write TypeScript (FeatureFlag, RolloutPlan, Segment, RuleBasedSegment, …) for live flags and segments',
  usage: IMPORT_USAGE,
  options: OPTIONS,
  run: runImport,
};
