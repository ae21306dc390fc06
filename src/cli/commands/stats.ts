/**
 * `remedy stats [--json] [--since DATE] [--tenant ID] [code|entry]`: what the outcome log says per catalogue
 * entry — sessions, how they ended, which step fixed it ("Step 3 fixed this 7 of 10 times"), median time to fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../../core/catalogue/catalogue';
import type { OutcomeFilter } from '../../core/ports';
import { buildPlan } from '../../core/remediation/plan';
import { usualFix, type EntryStats } from '../../core/outcomes/statistics';
import { loadCatalogue } from '../../knowledge/load';
import type { CliCommand, CliIo } from '../io';
import {
  cliConfig,
  FILTER_OPTIONS,
  outcomeFilterOf,
  parseOptions,
  runCommand,
  UsageError,
  withStores,
} from './storeAccess';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The catalogue for titles and step numbers: the configured path (cwd, then package root); optional. */
function tryLoadCatalogue(configured: string, io: CliIo): Catalogue | undefined {
  const candidates = path.isAbsolute(configured)
    ? [configured]
    : [path.resolve(configured), path.join(PACKAGE_ROOT, configured)];
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  if (!file) {
    io.stderr.write(
      `remedy stats: no catalogue at ${candidates.join(' or ')}; showing entry and step ids only\n`,
    );
    return undefined;
  }
  return loadCatalogue(file);
}

/** The entry a `code|entry` argument names: an entry id, an error code or a seed reference. */
function resolveEntryId(arg: string, catalogue: Catalogue | undefined): string {
  if (!catalogue) return arg;
  const entry = catalogue.get(arg) ?? catalogue.byErrorCode(arg) ?? catalogue.byReference(arg);
  if (!entry) throw new UsageError(`no catalogue entry, error code or reference '${arg}'`);
  return entry.id;
}

export interface StepReport {
  stepId: string;
  /** 1-based position in the entry's plan, when the catalogue knows the step. */
  number?: number;
  tried: number;
  resolved: number;
}

export interface EntryReport extends Omit<EntryStats, 'steps'> {
  title?: string;
  steps: StepReport[];
  usualFixStepId?: string;
}

export function entryReports(stats: EntryStats[], catalogue: Catalogue | undefined): EntryReport[] {
  return stats.map((entryStats) => {
    const entry = catalogue?.get(entryStats.entryId);
    const plan = entry && catalogue ? buildPlan(catalogue, entry).steps.map((step) => step.stepId) : [];
    const usual = usualFix(entryStats);
    return {
      ...entryStats,
      ...(entry && { title: entry.title.en }),
      steps: entryStats.steps.map((step) => {
        const index = plan.indexOf(step.stepId);
        return { ...step, ...(index >= 0 && { number: index + 1 }) };
      }),
      ...(usual && { usualFixStepId: usual.stepId }),
    };
  });
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function formatReports(reports: EntryReport[]): string {
  if (reports.length === 0) return 'No outcomes recorded yet.\n';
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(report.title ? `${report.entryId} — ${report.title}` : report.entryId);
    const time =
      report.medianTimeToFixMs !== undefined
        ? `; median time to fix ${formatDuration(report.medianTimeToFixMs)}`
        : '';
    lines.push(
      `  ${report.sessions} session${report.sessions === 1 ? '' : 's'}: ${report.resolved} resolved ` +
        `(${percent(report.resolutionRate)}), ${report.exhausted} exhausted, ${report.escalated} escalated${time}`,
    );
    for (const step of report.steps) {
      const name = step.number !== undefined ? `Step ${step.number}` : `Step ${step.stepId}`;
      const usual = step.stepId === report.usualFixStepId ? '  ← usually works' : '';
      const id = step.number !== undefined ? `  (${step.stepId})` : '';
      lines.push(
        `  ${name} fixed this ${step.resolved} of ${step.tried} time${step.tried === 1 ? '' : 's'}${usual}${id}`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export const command: CliCommand = {
  summary: 'outcome statistics per entry: [--json] [--since DATE] [--tenant ID] [code|entry]',
  run: (args, io) =>
    runCommand('stats', io, async () => {
      const options = parseOptions(args, { flags: ['json'], values: FILTER_OPTIONS });
      if (options.positional.length > 1) throw new UsageError('expects at most one error code or entry id');
      const config = cliConfig();
      const catalogue = tryLoadCatalogue(config.catalogPath, io);
      const filter: OutcomeFilter = outcomeFilterOf(options);
      const wanted = options.positional[0];
      if (wanted !== undefined) filter.entryId = resolveEntryId(wanted, catalogue);
      // Counters kept by the store (the same cost with 1 or 1,000,000 records; --since reads that window).
      const stats = await withStores(config, io, (stores) => stores.outcomes.stats(filter));
      const reports = entryReports(stats, catalogue);
      const outcomeCount = stats.reduce((sum, entry) => sum + entry.sessions, 0);
      if (options.flags.has('json')) {
        const filterJson = {
          ...(filter.entryId && { entryId: filter.entryId }),
          ...(filter.since && { since: filter.since.toISOString() }),
          ...(filter.tenantId && { tenantId: filter.tenantId }),
        };
        io.stdout.write(
          `${JSON.stringify({ filter: filterJson, outcomes: outcomeCount, entries: reports }, null, 2)}\n`,
        );
      } else {
        io.stdout.write(formatReports(reports));
      }
      return 0;
    }),
};
