/**
 * The edge in front of the real bot (startRemedy, a mock Bot Connector): an activity whose `locale` is an object
 * still gets its reply, and an invoke name no handler knows gets 200 with no error logged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startRemedy, type RunningRemedy } from '../../src/main';
import { startMockConnector, type MockConnector } from '../helpers/mock-connector';
import { captureLogger } from './log-capture';

let dir: string;
let connector: MockConnector;
let remedy: RunningRemedy;
let log: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-edge-'));
  connector = await startMockConnector();
  log = captureLogger('info');
  remedy = await startRemedy(
    loadConfig({
      PORT: '0',
      DATA_DIR: dir,
      PLAYGROUND: 'false',
      OUTBOUND_BASE_DELAY_MS: '10',
      OUTBOUND_MAX_DELAY_MS: '50',
    }),
    { logger: log.logger },
  );
});

afterEach(async () => {
  await remedy.stop();
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(activity: Record<string, unknown>): Promise<Response> {
  return fetch(`${remedy.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `m-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:user', name: 'Dana Ops' },
      recipient: { id: '28:bot', name: 'Remedy' },
      conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
      ...activity,
    }),
  });
}

it('answers a paste whose locale is an object', async () => {
  const response = await post({
    type: 'message',
    text: 'UserErrorGuestAgentStatusUnavailable',
    locale: { name: 'en-US' },
  });
  expect(response.status).toBe(200);
  expect(connector.delivered()).toHaveLength(1);
  expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
});

it('answers an invoke it has no handler for with 200 and logs no error', async () => {
  const response = await post({ type: 'invoke', name: 'application/somethingElse', value: {} });
  expect(response.status).toBe(200);
  expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
  expect(log.lines).toContainEqual(
    expect.objectContaining({ level: 'info', reason: 'invoke not handled by the bot' }),
  );
});
