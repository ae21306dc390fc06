/** Runs helpers/outcomeWriter.ts in a child process, kills it with SIGKILL mid-write, returns what it committed. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const WRITER = path.join(__dirname, 'outcomeWriter.ts');

export interface KilledWriter {
  /** Ids the child printed after the store acknowledged them. */
  committed: string[];
  signal: NodeJS.Signals | null;
}

export function writeThenKill(args: string[], killAfter: number, timeoutMs = 60_000): Promise<KilledWriter> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not the tsx wrapper: the writer itself must be the process that gets SIGKILL.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer did not commit ${killAfter} records in ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^committed (\S+)$/.exec(line);
      if (!match) return;
      committed.push(match[1] as string);
      if (committed.length === killAfter) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited with ${code ?? signal} before it was killed; stderr: ${stderr}`));
        return;
      }
      resolve({ committed, signal });
    });
  });
}
