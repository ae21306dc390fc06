/**
 * The plan of a guided fix: the entry's own steps, then each cause's steps in documented order. Consecutive
 * "(OR)" alternatives form one option group so that a card can say "Option 2 of 5". Pure.
 */
import type { Catalogue } from '../catalogue/catalogue';
import type { Entry, LocalizedText, Step } from '../catalogue/schema';

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
}

export interface Plan {
  entryId: string;
  steps: PlanStep[];
}

/** Ordered plan steps for an entry; alternatives grouped only within the same source (entry or one cause). */
export function buildPlan(catalogue: Catalogue, entry: Entry): Plan {
  const causes = catalogue.causesOf(entry);
  const sources: Array<{ steps: readonly Step[]; cause?: PlanCause }> = [
    { steps: entry.steps },
    ...causes.map((cause, i) => ({
      steps: cause.steps,
      cause: { id: cause.id, number: i + 1, title: cause.title },
    })),
  ];
  const steps: PlanStep[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    // A step shared by two causes is offered once: session step ids must be unique.
    const fresh = source.steps.filter((step) => !seen.has(step.id));
    for (const group of optionGroups(fresh)) {
      group.forEach((step, i) => {
        seen.add(step.id);
        const planStep: PlanStep = { stepId: step.id, step, index: steps.length };
        if (source.cause) planStep.cause = source.cause;
        if (group.length > 1) planStep.option = { number: i + 1, of: group.length };
        steps.push(planStep);
      });
    }
  }
  return { entryId: entry.id, steps };
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
