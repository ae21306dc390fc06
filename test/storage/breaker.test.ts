import { createCircuitBreaker, CircuitOpenError, StoreTimeoutError } from '../../src/storage/breaker';
import { silentLogger } from './fixtures';

const outage = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
const isUnavailable = (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED';

describe('circuit breaker', () => {
  let now = 0;
  const breaker = () =>
    createCircuitBreaker({
      failureThreshold: 2,
      openMs: 1000,
      callTimeoutMs: 50,
      logger: silentLogger,
      now: () => now,
    });

  it('opens after consecutive outages, fails fast while open, and closes after a good probe', async () => {
    const b = breaker();
    const failing = jest.fn(async () => {
      throw outage;
    });
    await expect(b.run('op', failing, isUnavailable)).rejects.toBe(outage);
    expect(b.state).toBe('closed');
    await expect(b.run('op', failing, isUnavailable)).rejects.toBe(outage);
    expect(b.state).toBe('open');
    const work = jest.fn(async () => 'ok');
    await expect(b.run('op', work, isUnavailable)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(work).not.toHaveBeenCalled();
    now += 1000;
    // Half-open: one probe; it fails, so the circuit opens again.
    await expect(b.run('op', failing, isUnavailable)).rejects.toBe(outage);
    expect(b.state).toBe('open');
    now += 1000;
    await expect(b.run('op', work, isUnavailable)).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('opens at once on a call that hangs past its deadline', async () => {
    const b = breaker();
    const hang = () => new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(b.run('op', hang, isUnavailable)).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(b.state).toBe('open');
  });

  it('does not count errors that are not outages (bad data, bugs)', async () => {
    const b = breaker();
    const bug = new TypeError('invalid record');
    for (let i = 0; i < 5; i++)
      await expect(
        b.run(
          'op',
          async () => {
            throw bug;
          },
          isUnavailable,
        ),
      ).rejects.toBe(bug);
    expect(b.state).toBe('closed');
  });

  it('probes in the background while open, so that no call waits on a hung database', async () => {
    let healthy = false;
    const probe = jest.fn(() => (healthy ? Promise.resolve() : new Promise<never>(() => undefined)));
    const b = createCircuitBreaker({
      failureThreshold: 2,
      openMs: 1000,
      callTimeoutMs: 50,
      logger: silentLogger,
      now: () => now,
      probe,
    });
    await expect(
      b.run('op', () => new Promise<never>(() => undefined), isUnavailable),
    ).rejects.toBeInstanceOf(StoreTimeoutError);
    now += 1000;
    const work = jest.fn(async () => 'ok');
    const started = Date.now();
    // The probe hangs; the call does not wait for it.
    await expect(b.run('op', work, isUnavailable)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(Date.now() - started).toBeLessThan(40);
    expect(probe).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 80)); // the probe's deadline
    expect(b.state).toBe('open');
    healthy = true;
    now += 1000;
    await expect(b.run('op', work, isUnavailable)).rejects.toBeInstanceOf(CircuitOpenError);
    await new Promise((r) => setTimeout(r, 10));
    expect(b.state).toBe('closed');
    await expect(b.run('op', work, isUnavailable)).resolves.toBe('ok');
    expect(work).toHaveBeenCalledTimes(1);
  });
});
