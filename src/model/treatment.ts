import { DynamicConfig } from './dynamic-config';

/**
 * A treatment a flag can serve, e.g. `on` or `off`.
 */
export interface Treatment {
  /**
   * Treatment name: a letter or digit first, then letters, digits, `-`, `_` or `.`;
   * not one of FME's reserved words (`control`, `true`, `in`, …).
   */
  readonly name: string;

  /**
   * Human-readable description shown in FME.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Dynamic configuration returned with this treatment (at most 1 KB serialized).
   *
   * @default - no configuration
   */
  readonly config?: DynamicConfig;
}

/** The treatments FME gives a new flag. */
export function defaultTreatments(): Treatment[] {
  return [{ name: 'on' }, { name: 'off' }];
}
