/**
 * A Node child process of this repository for the tests that run the real thing (src/main.ts, the playground
 * launcher) rather than import it: its output collected, its exit code a promise.
 *
 *   const run = spawnNode(['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '' } });
 *   expect(await run.code).toBe(3);
 *   expect(run.output()).toContain('cannot load the knowledge catalogue');
 *
 *   const firstLine = await run.untilOutput(/^(.*)\n/); // the first capture group, once the output has it
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root: the child's working directory. */
export const ROOT = path.resolve(__dirname, '../..');

export interface NodeRun {
  child: ChildProcess;
  /** The exit code (null when a signal ended it). */
  code: Promise<number | null>;
  /** Everything written so far: stdout and, unless it was inherited, stderr, in arrival order. */
  output(): string;
  /** What was written to stderr alone ('' when it was inherited). */
  stderr(): string;
  /**
   * Resolves with the first capture group of `pattern` (or the whole match) once the output matches it; rejects
   * with the output so far if the process exits first.
   */
  untilOutput(pattern: RegExp): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts `node <args>` in the repository root. `env` is the child's whole environment (default: this process's);
 * `stderr: 'inherit'` lets the child write to the test's own stderr instead of collecting it.
 */
export function spawnNode(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stderr?: 'pipe' | 'inherit' } = {},
): NodeRun {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
  });
  let output = '';
  let stderr = '';
  const changed = new Set<() => void>();
  const append = (chunk: Buffer, isStderr: boolean) => {
    output += chunk.toString();
    if (isStderr) stderr += chunk.toString();
    for (const listener of changed) listener();
  };
  child.stdout?.on('data', (chunk: Buffer) => append(chunk, false));
  child.stderr?.on('data', (chunk: Buffer) => append(chunk, true));
  const code = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return {
    child,
    code,
    output: () => output,
    stderr: () => stderr,
    untilOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          changed.delete(check);
          resolve(match[1] ?? match[0]);
        };
        changed.add(check);
        check();
        void code.then((exitCode) => {
          if (!changed.has(check)) return;
          changed.delete(check);
          reject(new Error(`the process exited first (code ${exitCode}): ${output}`));
        });
      }),
    kill: (signal) => child.kill(signal),
  };
}
