/**
 * Test-only preload (`node --require`) for the kill -9 loops: counts the "moments" of a bot turn and SIGKILLs the
 * process at moment number KILL_AT_MOMENT. Counting starts with request number KILL_ARM_AT_REQUEST (1-based) to
 * /api/messages. Moments are: after each SQLite statement (inside transactions too, so a kill there rolls the
 * transaction back), after each PostgreSQL query's answer, before each outbound HTTP request (fetch) and after
 * its response. Ledger lease renewals are not counted (they run on a timer). Each moment is written to stderr as
 * `KILL-MOMENT <n> <what>` so that a run without a kill tells the test how many moments a turn has.
 */
'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload: it patches the modules the bot requires */
const http = require('node:http');

const killAt = Number(process.env.KILL_AT_MOMENT || 0);
const armAt = Number(process.env.KILL_ARM_AT_REQUEST || 1);
let requests = 0;
let armed = false;
let moment = 0;

function at(what) {
  if (!armed) return;
  moment += 1;
  process.stderr.write(`KILL-MOMENT ${moment} ${what}\n`);
  if (moment === killAt) process.kill(process.pid, 'SIGKILL');
}

/** A short name of a statement: the ledger's claim and completion are told apart (the tests look for them). */
function nameOf(sql) {
  const text = String(sql);
  if (/INSERT INTO activity_ledger[\s\S]*COALESCE\(activity_ledger\.done_at/.test(text))
    return 'ledger-complete';
  if (/INSERT INTO activity_ledger/.test(text)) return 'ledger-claim';
  return text.trim().split(/\s+/).slice(0, 3).join(' ');
}

const isRenewal = (sql) => typeof sql === 'string' && /SET lease_until = (@until|\$3)\s+WHERE/.test(sql);

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function patchedEmit(event, request, ...rest) {
  if (
    event === 'request' &&
    request &&
    request.method === 'POST' &&
    /\/api\/messages/.test(request.url || '')
  ) {
    requests += 1;
    if (requests >= armAt) armed = true;
  }
  return emit.call(this, event, request, ...rest);
};

try {
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  const patched = new WeakSet();
  Database.prototype.prepare = function patchedPrepare(sql, ...args) {
    const statement = prepare.call(this, sql, ...args);
    const proto = Object.getPrototypeOf(statement);
    if (!patched.has(proto)) {
      patched.add(proto);
      for (const name of ['run', 'get', 'all']) {
        const original = proto[name];
        proto[name] = function patchedStatement(...params) {
          const result = original.apply(this, params);
          if (!isRenewal(this.source)) at(`sqlite ${name} ${nameOf(this.source)}`);
          return result;
        };
      }
    }
    return statement;
  };
} catch (error) {
  process.stderr.write(`kill-switch: better-sqlite3 not patched: ${error.message}\n`);
}

try {
  const pg = require('pg');
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function patchedQuery(config, values, callback) {
    const sql = typeof config === 'string' ? config : config && config.text;
    const label = `pg ${nameOf(sql)}`;
    const cb = typeof values === 'function' ? values : callback;
    if (typeof cb === 'function') {
      const wrapped = (error, result) => {
        if (!isRenewal(sql)) at(label);
        cb(error, result);
      };
      return typeof values === 'function'
        ? query.call(this, config, wrapped)
        : query.call(this, config, values, wrapped);
    }
    const result = query.call(this, config, values);
    if (result && typeof result.then === 'function' && !isRenewal(sql)) {
      return result.then((value) => {
        at(label);
        return value;
      });
    }
    return result;
  };
} catch (error) {
  process.stderr.write(`kill-switch: pg not patched: ${error.message}\n`);
}

const fetchOriginal = globalThis.fetch;
globalThis.fetch = async function patchedFetch(input, init) {
  const method = (init && init.method) || 'GET';
  at(`fetch-before ${method}`);
  const response = await fetchOriginal(input, init);
  at(`fetch-after ${method} ${response.status}`);
  return response;
};
