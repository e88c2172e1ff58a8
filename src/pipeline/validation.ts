import { IConstruct } from 'constructs';

/**
 * Registers a synth-time rule on a construct: `check` returns messages (empty when the rule holds).
 * cdktf prefixes each message with the construct path when `app.synth()` fails.
 *
 * @internal
 */
export function addRule(scope: IConstruct, check: () => string[]): void {
  scope.node.addValidation({ validate: check });
}
