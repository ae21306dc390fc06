/**
 * What a heading's wording says about its section, in English, Korean and Dutch: a problem someone meets (an
 * error, a failure, something missing or slow), or the solution/cause part of a problem described above it.
 */
const PROBLEM: readonly RegExp[] = [
  /\b(fail\w*|errors?|unable|cannot|can't|couldn't|could not|not|isn't|aren't|doesn't|don't|didn't|wasn't|won't|no longer|missing|block\w*|timed? ?out|times out|invalid|incorrect|inconsistent|stuck|slow|offline|warnings?|exceed\w*|limits?|unsupported|denied|corrupt\w*|crash\w*|takes? (a long )?time|lost|wrong|issues?|problems?|mismatch\w*)\b/i,
  /(실패|오류|없|않|잘못|불일치|문제|못|초과|제한|차단|손상|느림|지연)/,
  /\b(mislukt\w*|fout\w*|niet|geen|ongeldig\w*|onjuist\w*|problem\w*|probleem|geblokkeerd|beschadigd|traag|overschreden|limiet)\b/i,
];

const SOLUTION: readonly RegExp[] = [
  /^(solutions?|resolutions?|workarounds?|mitigations?|fix(es)?|causes?|root cause|symptoms?|additional (recommendations|information)|more information|verify\w*|how to\b|steps?\b|recommended actions?|next steps?)/i,
  /^(해결|원인|증상|추가|권장|단계)/,
  /^(oplossing\w*|oorza\w*|symptom\w*|aanvullende|aanbevolen|stap\w*)/i,
];

/** "Troubleshooting" is no problem: 문제 해결, problemen oplossen. */
const TROUBLESHOOTING = /문제\s*해결|problemen\s+(op\s*te\s*)?oplossen|probleemoplossing/gi;

export function isProblemHeading(heading: string): boolean {
  const text = heading.replace(TROUBLESHOOTING, ' ');
  return PROBLEM.some((pattern) => pattern.test(text));
}

export function isSolutionHeading(heading: string): boolean {
  return SOLUTION.some((pattern) => pattern.test(heading.trim()));
}
