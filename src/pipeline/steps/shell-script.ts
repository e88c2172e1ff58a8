import { Construct } from 'constructs';
import { addRule } from '../validation';
import { Step, StepOptions } from './step';

/** A variable name both Bash and PowerShell (`$env:NAME`) accept without quoting. */
const SHELL_VARIABLE_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;

/** The shell a `ShellScriptStep` runs in. */
export enum ScriptShell {
  /** Bash. */
  BASH = 'Bash',
  /** PowerShell. */
  POWERSHELL = 'PowerShell',
}

/** Props of `ShellScriptStep`. */
export interface ShellScriptStepProps extends StepOptions {
  /** The script, inline. */
  readonly script: string;
  /**
   * The shell.
   * @default ScriptShell.BASH
   */
  readonly shell?: ScriptShell;
  /**
   * String environment variables for the script (values may be expressions).
   * @default - none
   */
  readonly environmentVariables?: { [name: string]: string };
  /**
   * Names of shell variables exported as step outputs (`<+execution.steps.ID.output.outputVariables.NAME>`).
   * @default - none
   */
  readonly outputVariables?: string[];
  /**
   * Delegate selectors for where the script runs.
   * @default - any delegate
   */
  readonly delegateSelectors?: string[];
}

/** Shell Script (`ShellScript`): runs an inline script on a delegate. */
export class ShellScriptStep extends Step {
  private readonly props: ShellScriptStepProps;

  constructor(scope: Construct, id: string, props: ShellScriptStepProps) {
    super(scope, id, 'ShellScript', props);
    this.props = props;
    addRule(this, () => (props.script.trim() === '' ? ['[shell-script-empty] script must not be empty.'] : []));
    // These names become shell variables: a name the shell cannot export (`MY-VAR`) is never set or read.
    addRule(this, () => [...Object.keys(props.environmentVariables ?? {}), ...(props.outputVariables ?? [])]
      .filter(name => !SHELL_VARIABLE_PATTERN.test(name))
      .map(name => `[shell-variable-name] "${name}" is not a shell variable name (${SHELL_VARIABLE_PATTERN.source}); the script could not set or read it.`));
  }

  protected renderSpec(): { [key: string]: any } {
    const p = this.props;
    const spec: { [key: string]: any } = {
      shell: p.shell ?? ScriptShell.BASH,
      onDelegate: true,
      source: { type: 'Inline', spec: { script: p.script } },
    };
    if (p.environmentVariables !== undefined) {
      // Sorted so the YAML does not depend on the order keys were written in.
      spec.environmentVariables = Object.keys(p.environmentVariables).sort()
        .map(name => ({ name, type: 'String', value: p.environmentVariables![name] }));
    }
    if (p.outputVariables !== undefined) {
      spec.outputVariables = p.outputVariables.map(name => ({ name, type: 'String', value: name }));
    }
    if (p.delegateSelectors !== undefined) spec.delegateSelectors = [...p.delegateSelectors];
    return spec;
  }
}
