/**
 * The one way a zod failure becomes text for a person: each issue as `path: message`, joined with "; ".
 * Every edge (env, CLI args, card payloads, activities, documents, records) uses this instead of its own loop.
 */
import type { z } from 'zod';

export interface DescribeIssuesOptions {
  /** At most this many issues are listed (the rest are counted). Default: all. */
  max?: number;
  /** Name for an issue at the root (empty path). Default "value". */
  root?: string;
}

/** `field.sub: expected string, received number; other: ...` */
export function describeIssues(error: z.ZodError, options: DescribeIssuesOptions = {}): string {
  const { max = Infinity, root = 'value' } = options;
  const issues = error.issues.map((issue) => `${issue.path.map(String).join('.') || root}: ${issue.message}`);
  const shown = issues.slice(0, max);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
