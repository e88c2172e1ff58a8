/** What definition validation needs to know about other objects (implemented over the store). */
export interface DefinitionContext {
  /** The flag whose definition is being validated. */
  readonly flagName: string;
  /** The emulator's `strictness` is `strict`: unconfirmed rules refuse (README.md, "Fidelity"). */
  readonly strict: boolean;
  /** Whether a segment with this name exists in the workspace. */
  segmentExists(name: string): boolean;
  /** Whether a flag set with this id exists in the workspace. */
  flagSetExists(id: string): boolean;
  /** Whether a large segment with this name exists in the workspace. */
  largeSegmentExists(name: string): boolean;
  /**
   * The treatments of flag `name` in the same environment: `undefined` when the flag does not
   * exist, `null` when it exists but has no definition in this environment.
   */
  flagTreatmentsInEnvironment(name: string): string[] | null | undefined;
  /** Whether a rule-based segment with this name exists in the workspace. */
  ruleBasedSegmentExists(name: string): boolean;
}
