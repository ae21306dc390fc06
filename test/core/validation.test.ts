import { z } from 'zod';
import { describeIssues } from '../../src/core/validation';

describe('describeIssues', () => {
  const schema = z.object({ port: z.number(), host: z.object({ name: z.string() }) });

  it('names each field and what was expected', () => {
    const parsed = schema.safeParse({ port: 'x', host: { name: 3 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const text = describeIssues(parsed.error);
    expect(text).toMatch(/^port: .*number/);
    expect(text).toMatch(/; host\.name: .*string/);
  });

  it('counts issues beyond the limit and names the root', () => {
    const parsed = z.array(z.number()).safeParse(['a', 'b', 'c']);
    if (parsed.success) throw new Error('expected a failure');
    expect(describeIssues(parsed.error, { max: 1 })).toMatch(/^0: .*; and 2 more$/);
    const root = z.number().safeParse('a');
    if (root.success) throw new Error('expected a failure');
    expect(describeIssues(root.error, { root: 'PORT' })).toMatch(/^PORT: /);
  });
});
