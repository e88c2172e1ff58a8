/**
 * `cdktf-fme diff` and `cdktf-fme drift`: the synthesized stack against live FME
 * (docs/live.md). Exit codes follow `terraform plan -detailed-exitcode`: 0 in sync,
 * 2 differences, 1 error.
 */
import { flagOption, listOption, OptionSpecs, ParsedArgs, UsageError } from './args';
import { Command, CommandIo, HELP_OPTION } from './command';
import { Log } from '../handler/log';
import { Comparison, compareStack, declaredObjects } from '../live/compare-stack';
import { Difference } from '../live/difference';
import { fixDrift } from '../live/fix';
import { IgnorePatterns } from '../live/ignore';
import { renderJson, renderText, ReportMode } from '../live/report';
import { readStackSpecs, StackSpecs } from '../live/stack-specs';

export const EXIT_IN_SYNC = 0;
export const EXIT_ERROR = 1;
export const EXIT_DIFFERENCES = 2;

/** Stacks with more declared objects than this print read progress on stderr. */
const PROGRESS_ABOVE = 100;

const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean' },
  ignore: { type: 'string', multiple: true },
  ...HELP_OPTION,
};

const COMMON_HELP = `  --json            print the result as JSON on stdout (progress stays on stderr)
  --ignore PATTERN  leave a field out of the comparison; repeatable. A bare field name matches it
                    everywhere (killed, rules, targets, defaultRule, limitExposure, configs,
                    treatments, description, tags, owners, rolloutStatus, keys, …); otherwise
                    the pattern matches <name>/<field> or <name>/<environment>/<field>, * within
                    one part (e.g. '*/Production/killed', 'checkout_*/*/rules')
  -h, --help        this text

Exit codes: 0 FME matches the code, 2 differences, 1 error (like terraform plan -detailed-exitcode);
an environment or traffic type FME does not have is an error (one line on stderr, exit 1), and the
objects naming it are left out of the comparison.
The API key is read from the variable FmeConfig names (FME_API_KEY by default).`;

export const DIFF_USAGE = `Usage: cdktf-fme diff <stack dir> [--json] [--ignore PATTERN]...

Compares what a synthesized stack declares (cdktf.out/stacks/<stack>, after cdktf synth) with live
FME and prints, per flag and environment, what the next deploy changes: metadata, treatments and
configs, targets, rules, default rule, limit exposure, kill state; objects to create; objects this
stack owns that the code no longer declares (deleted by the deploy); objects another stack owns.
One read per FME object at most, paced by the shared rate-limit gate.

${COMMON_HELP}`;

export const DRIFT_USAGE = `Usage: cdktf-fme drift <stack dir> [--json] [--ignore PATTERN]... [--fix]

The same comparison for what is already deployed, phrased as changes made outside the code (UI
edits, kills, pipeline runs, open change requests). For a scheduled job.

  --fix             converge the drifted objects back to the code through the handler's converge
                    step (change requests in approval-gated environments); Terraform state is not
                    touched, objects that left the code are not deleted, ignored fields stay as
                    they are in FME. Exits 0 when FME matches the code afterwards.
${COMMON_HELP}`;

function stackDirOf(args: ParsedArgs): string {
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length === 0 ? 'Give the stack folder (cdktf.out/stacks/<stack>)' : `Unexpected argument '${args.positionals[1]}'`);
  }
  return args.positionals[0];
}

function handlerLog(io: CommandIo): Log {
  return new Log({ out: (line) => io.err(line), err: (line) => io.err(line) });
}

async function compare(specs: StackSpecs, io: CommandIo): Promise<Comparison> {
  const total = declaredObjects(specs);
  const progress = total > PROGRESS_ABOVE ? (done: number, all: number) => io.err(`reading live FME: ${done}/${all} reads`) : undefined;
  return compareStack(specs, { env: io.env, log: handlerLog(io), progress });
}

function report(comparison: Comparison, kept: Difference[], ignored: Difference[], mode: ReportMode, json: boolean): string {
  const shown = { ...comparison, differences: kept };
  return json ? renderJson(shown, mode, ignored) : renderText(shown, mode, ignored);
}

async function runLive(mode: ReportMode, args: ParsedArgs, io: CommandIo): Promise<number> {
  const dir = stackDirOf(args);
  const json = flagOption(args, 'json');
  const ignore = new IgnorePatterns(listOption(args, 'ignore'));
  const specs = readStackSpecs(dir);
  const comparison = await compare(specs, io);
  // Names FME does not have: one error line each, and exit 1 whatever else differs (docs/lookups.md).
  const unknownNames = (): number | undefined => {
    for (const e of comparison.errors) io.err(`cdktf-fme ${mode}: error: ${e}`);
    return comparison.errors.length > 0 ? EXIT_ERROR : undefined;
  };
  const { kept, ignored } = ignore.split(comparison.differences);
  if (mode === 'drift' && flagOption(args, 'fix') && kept.length > 0) {
    io.err(report(comparison, kept, ignored, mode, false));
    const outcomes = await fixDrift(specs, comparison, kept, ignored, io.env, handlerLog(io));
    const failed = outcomes.filter((o) => o.error !== undefined);
    for (const o of failed) io.err(`cdktf-fme drift --fix: ${o.kind} ${o.name} was not converged: ${o.error}`);
    const after = await compare(specs, io);
    const rest = ignore.split(after.differences);
    io.out(report(after, rest.kept, rest.ignored, mode, json));
    if (unknownNames() !== undefined || failed.length > 0) return EXIT_ERROR;
    return rest.kept.length === 0 ? EXIT_IN_SYNC : EXIT_DIFFERENCES;
  }
  io.out(report(comparison, kept, ignored, mode, json));
  return unknownNames() ?? (kept.length === 0 ? EXIT_IN_SYNC : EXIT_DIFFERENCES);
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'show what the next deploy changes in live FME (exit 2 when something differs)',
  usage: DIFF_USAGE,
  options: COMMON_OPTIONS,
  run: (args, io) => runLive('diff', args, io),
};

export const driftCommand: Command = {
  name: 'drift',
  summary: 'show what changed in FME outside the code; --fix converges it back',
  usage: DRIFT_USAGE,
  options: { ...COMMON_OPTIONS, fix: { type: 'boolean' } },
  run: (args, io) => runLive('drift', args, io),
};
