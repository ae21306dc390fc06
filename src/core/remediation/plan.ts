/**
 * The plan of a guided fix: the entry's own steps, then each cause's steps in documented order. Consecutive
 * "(OR)" alternatives form one option group so that a card can say "Option 2 of 5". Each step keeps its kind
 * (decided at ingest): only a `fix` can be confirmed as what fixed the error; a `check` is answered yes / no
 * (no → the fix it points to, where the article says so); a `diagnostic` (collect logs, verbose logging,
 * contact support) is done and moved past. Pure.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { Entry, LocalizedText, Step, StepKind } from '../catalogue/schema';

export interface PlanCause {
  /** Cause entry id. */
  id: string;
  /** 1-based position of the cause among the entry's causes ("Cause 1: ..."). */
  number: number;
  title: LocalizedText & { en: string };
}

export interface PlanOption {
  /** 1-based position within the group of alternatives. */
  number: number;
  /** How many alternatives the group has (always ≥ 2). */
  of: number;
}

export interface PlanStep {
  stepId: string;
  step: Step;
  /** 0-based position in the plan. */
  index: number;
  /** Set when the step comes from a cause entry rather than the entry itself. */
  cause?: PlanCause;
  /** Set when the step is one of several "(OR)" alternatives. */
  option?: PlanOption;
  kind: StepKind;
  /** A check whose "no" leads to a particular fix step of the plan (the article says so). */
  ifNot?: string;
  /**
   * Progress among the plan's fixes: for a fix, its 1-based number among them; for a check or diagnostic, the
   * number of the next fix (fixCount + 1 when no fix follows).
   */
  fixNumber: number;
}

export interface Plan {
  entryId: string;
  steps: PlanStep[];
  /** How many of the steps are fixes ("Step 3 of 9 fixes"). */
  fixCount: number;
}

/** Ordered plan steps for an entry; alternatives grouped only within the same source (entry or one cause). */
export function buildPlan(catalogue: Catalogue, entry: Entry): Plan {
  // The catalogue says which steps a guided fix walks (planSteps); the plan groups them by where they come from.
  const causeNumbers = new Map(catalogue.causesOf(entry).map((cause, i) => [cause.id, i + 1]));
  const sources: Array<{ steps: Step[]; cause?: PlanCause }> = [];
  for (const { step, cause } of catalogue.planSteps(entry)) {
    const last = sources.at(-1);
    if (last && last.cause?.id === cause?.id) {
      last.steps.push(step);
      continue;
    }
    const source: { steps: Step[]; cause?: PlanCause } = { steps: [step] };
    if (cause) source.cause = { id: cause.id, number: causeNumbers.get(cause.id) ?? 0, title: cause.title };
    sources.push(source);
  }
  const steps: PlanStep[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    // A step shared by two causes is offered once: session step ids must be unique.
    const fresh = source.steps.filter((step) => !seen.has(step.id));
    for (const group of optionGroups(fresh)) {
      group.forEach((step, i) => {
        seen.add(step.id);
        const planStep: PlanStep = {
          stepId: step.id,
          step,
          index: steps.length,
          kind: step.kind,
          fixNumber: 0,
        };
        if (step.kind === 'check' && step.fixStep !== undefined) planStep.ifNot = step.fixStep;
        if (source.cause) planStep.cause = source.cause;
        if (group.length > 1) planStep.option = { number: i + 1, of: group.length };
        steps.push(planStep);
      });
    }
  }
  return { entryId: entry.id, steps: numberFixes(steps), fixCount: steps.filter(isFix).length };
}

function isFix(step: PlanStep): boolean {
  return step.kind === 'fix';
}

/** Sets fixNumber; drops "no" pointers to steps the plan does not have (their "no" moves on like "yes"). */
function numberFixes(steps: PlanStep[]): PlanStep[] {
  const ids = new Set(steps.map((s) => s.stepId));
  let fixes = 0;
  for (const step of steps) if (isFix(step)) step.fixNumber = ++fixes;
  let next = fixes + 1;
  for (const step of [...steps].reverse()) {
    if (isFix(step)) next = step.fixNumber;
    else step.fixNumber = next;
    if (step.ifNot !== undefined && !ids.has(step.ifNot)) delete step.ifNot;
  }
  return steps;
}

/** Splits steps into runs: a step flagged `alternative` joins the run of the step before it. */
function optionGroups(steps: readonly Step[]): Step[][] {
  const groups: Step[][] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (step.alternative && last) last.push(step);
    else groups.push([step]);
  }
  return groups;
}

/** The plan step with this id, if the plan has it. */
export function planStep(plan: Plan, stepId: string): PlanStep | undefined {
  return plan.steps.find((s) => s.stepId === stepId);
}
