/**
 * The environment, validated: the only module that reads configuration variables (DESIGN.md). One zod schema,
 * `ConfigSchema`, describes every variable (EnvSchema: name → parser and default), the checks that involve several
 * variables, and the typed `Config` the application uses — the type is inferred from it. `loadConfig(env)` is pure:
 * it takes the environment as an argument and returns a Config or throws a ConfigError with one line per problem.
 *
 * Adding a setting: one line in EnvSchema, one line in `toConfig`, one line in .env.example and docs/configuration.md
 * (test/config.test.ts checks the last two).
 */
import { z } from 'zod';
import { DomainError } from './core/errors';
import { describeIssues } from './core/validation';
import { DEFAULT_CATALOGUE_PATH } from './paths';

export { DEFAULT_CATALOGUE_PATH } from './paths';

export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type AppType = (typeof APP_TYPES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Invalid configuration: `issues` has one "FIELD: what was expected" line per problem. */
export class ConfigError extends DomainError {
  constructor(readonly issues: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n${issues.map((issue) => `  ${issue}`).join('\n')}`, {
      issues,
    });
    this.name = 'ConfigError';
  }
}

// ---- field schemas: environment values are strings; blank means "not set", surrounding spaces are ignored ----

const unsetIfBlank = (value: unknown): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;

/** An environment variable read by `schema` (which sees undefined when the variable is unset or blank). */
const env = <S extends z.ZodType>(schema: S) => z.preprocess(unsetIfBlank, schema);

const text = () => env(z.string({ error: 'expected text' }).optional());

const integer = (fallback: number, min: number, max: number) => {
  const error = `expected an integer from ${min} to ${max}`;
  return env(
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback),
  );
};

const fraction = () => {
  const error = 'expected a number from 0 to 1';
  return env(z.coerce.number({ error }).min(0, { error }).max(1, { error }).optional());
};

const flag = () =>
  env(
    z
      .stringbool({
        truthy: ['1', 'true', 'yes', 'on'],
        falsy: ['0', 'false', 'no', 'off'],
        case: 'insensitive',
        error: 'expected true or false',
      })
      .optional(),
  );

/** One of `values`, case-insensitive (given as "multitenant", read as "MultiTenant"). */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    (value) => {
      const given = unsetIfBlank(value);
      if (typeof given !== 'string') return given;
      return values.find((candidate) => candidate.toLowerCase() === given.toLowerCase()) ?? given;
    },
    z.enum(values, { error: `expected one of ${values.join(', ')}` }).default(fallback),
  );

const guid = () =>
  env(z.guid({ error: 'expected a GUID like 00000000-0000-0000-0000-000000000000' }).optional());

const httpsUrl = (example: string) =>
  env(z.url({ protocol: /^https$/, error: `expected an https:// URL, like ${example}` }).optional());

const maxLength = (max: number, why: string) =>
  env(
    z
      .string()
      .max(max, { error: `expected at most ${max} characters (${why})` })
      .optional(),
  );

/** Every variable the application reads, with its parser and default. The keys are the variable names. */
export const EnvSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test'], 'development'),
  MicrosoftAppId: guid(),
  MicrosoftAppPassword: text(),
  MicrosoftAppType: oneOf(APP_TYPES, 'SingleTenant'),
  MicrosoftAppTenantId: text(),
  HOST: env(
    z
      .union([z.ipv4(), z.ipv6(), z.hostname()], {
        error: 'expected an IP address or host name to listen on, like 127.0.0.1 or 0.0.0.0',
      })
      .optional(),
  ),
  PORT: integer(3978, 0, 65535), // 0: any free port (tests)
  DATA_DIR: env(z.string().default('./data')),
  DATABASE_URL: env(
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'expected a PostgreSQL URL like postgres://user:password@host:5432/remedy',
      })
      .optional(),
  ),
  CATALOGUE_PATH: env(z.string().default(DEFAULT_CATALOGUE_PATH)),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  LOG_FORMAT: oneOf(LOG_FORMATS, 'auto'),
  MATCH_CONFIDENT_THRESHOLD: fraction(),
  MATCH_AMBIGUOUS_THRESHOLD: fraction(),
  RETENTION_DAYS: integer(90, 0, 36500),
  STORE_TIMEOUT_MS: integer(2000, 100, 60000),
  STORE_BREAKER_FAILURES: integer(2, 1, 100),
  STORE_BREAKER_OPEN_MS: integer(5000, 100, 600000),
  OUTBOX_RETRY_MS: integer(2000, 100, 600000),
  TURN_LEASE_MS: integer(10000, 1000, 600000),
  TURN_RETRY_WAIT_MS: integer(30000, 0, 600000),
  USER_HASH_SALT: env(
    z.string().min(16, { error: 'expected at least 16 characters (a random secret)' }).optional(),
  ),
  MAX_BODY_BYTES: integer(262144, 1024, 10485760),
  TURN_TIMEOUT_MS: integer(12000, 100, 120000),
  RATE_LIMIT_PER_MINUTE: integer(30, 1, 100000),
  RATE_LIMIT_BURST: integer(10, 1, 100000),
  SHUTDOWN_TIMEOUT_MS: integer(10000, 0, 300000),
  OUTBOUND_MAX_ATTEMPTS: integer(5, 1, 20),
  OUTBOUND_BASE_DELAY_MS: integer(500, 1, 60000),
  OUTBOUND_MAX_DELAY_MS: integer(8000, 1, 300000),
  OUTBOUND_PER_THREAD_PER_SECOND: integer(7, 1, 1000),
  OUTBOUND_TIMEOUT_MS: integer(15000, 100, 120000),
  TEAMS_APP_ID: guid(),
  BOT_NAME: maxLength(30, 'the Teams short name limit'),
  BOT_FULL_NAME: maxLength(100, 'the Teams full name limit'),
  BOT_DOMAIN: env(
    z.hostname({ error: 'expected a host name without scheme or path, like remedy.example.com' }).optional(),
  ),
  TEAMS_DEVELOPER_NAME: maxLength(32, 'the Teams developer name limit'),
  TEAMS_WEBSITE_URL: httpsUrl('https://remedy.example.com'),
  TEAMS_PRIVACY_URL: httpsUrl('https://remedy.example.com/privacy'),
  TEAMS_TERMS_URL: httpsUrl('https://remedy.example.com/terms'),
  PLAYGROUND: flag(),
  PLAYGROUND_PORT: integer(56150, 1, 65535),
});
export type Env = z.output<typeof EnvSchema>;

/** The variable names, for documentation checks (docs/configuration.md, .env.example). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as Array<keyof typeof EnvSchema.shape>;
export type EnvVariable = (typeof ENV_VARIABLES)[number];

/** Variables whose value is never repeated in an error message. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'MicrosoftAppPassword',
  'USER_HASH_SALT',
  'DATABASE_URL',
]);

type Problem = [variable: EnvVariable, message: string];

/** Checks that involve several variables; each problem is reported against one variable name. */
function crossFieldProblems(e: Env): Problem[] {
  const problems: Problem[] = [];
  const { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppType: appType } = e;
  const tenantId = e.MicrosoftAppTenantId;
  if (appId === undefined) {
    if (password !== undefined)
      problems.push(['MicrosoftAppId', 'required when MicrosoftAppPassword is set']);
    if (e.NODE_ENV === 'production') {
      problems.push([
        'MicrosoftAppId',
        'required when NODE_ENV=production (without Microsoft app credentials the bot runs in local mode, which has no token checks and is for development only)',
      ]);
    }
  } else {
    if (appType === 'UserAssignedMSI') {
      if (password !== undefined)
        problems.push([
          'MicrosoftAppPassword',
          'must not be set for MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)',
        ]);
      if (tenantId === undefined)
        problems.push([
          'MicrosoftAppTenantId',
          'required for MicrosoftAppType=UserAssignedMSI (the tenant of the managed identity)',
        ]);
    } else {
      if (password === undefined)
        problems.push([
          'MicrosoftAppPassword',
          `required for MicrosoftAppType=${appType} (the client secret of the app registration)`,
        ]);
      if (appType === 'SingleTenant' && tenantId === undefined)
        problems.push([
          'MicrosoftAppTenantId',
          'required for MicrosoftAppType=SingleTenant (the tenant id of the app registration)',
        ]);
    }
    if (e.NODE_ENV === 'production' && e.USER_HASH_SALT === undefined)
      problems.push([
        'USER_HASH_SALT',
        'required when NODE_ENV=production (a random secret shared by all instances; user ids are hashed with it)',
      ]);
    if (e.PLAYGROUND === true)
      problems.push(['PLAYGROUND', 'the Agents Playground runs only in local mode (without MicrosoftAppId)']);
  }
  const confident = e.MATCH_CONFIDENT_THRESHOLD;
  const ambiguous = e.MATCH_AMBIGUOUS_THRESHOLD;
  if (confident !== undefined && ambiguous !== undefined && ambiguous > confident)
    problems.push([
      'MATCH_AMBIGUOUS_THRESHOLD',
      `expected at most MATCH_CONFIDENT_THRESHOLD (${confident}), got ${ambiguous}`,
    ]);
  if (e.OUTBOUND_MAX_DELAY_MS < e.OUTBOUND_BASE_DELAY_MS)
    problems.push([
      'OUTBOUND_MAX_DELAY_MS',
      `expected at least OUTBOUND_BASE_DELAY_MS (${e.OUTBOUND_BASE_DELAY_MS}), got ${e.OUTBOUND_MAX_DELAY_MS}`,
    ]);
  return problems;
}

function teamsSettings(e: Pick<Env, keyof typeof TEAMS_VARIABLES>) {
  const appId = e.TEAMS_APP_ID ?? e.MicrosoftAppId;
  const botName = e.BOT_NAME ?? 'Remedy';
  return {
    /** The Teams app (manifest) id; defaults to the bot's app id. */
    ...(appId !== undefined && { appId }),
    botName,
    botFullName: e.BOT_FULL_NAME ?? 'Remedy — Azure Backup error remediation',
    /** Host name of the messaging endpoint, listed in the manifest's validDomains. */
    ...(e.BOT_DOMAIN !== undefined && { botDomain: e.BOT_DOMAIN }),
    /** The publisher shown in the Teams app details (manifest `developer`); the URLs are https. */
    developer: {
      name: e.TEAMS_DEVELOPER_NAME ?? botName,
      ...(e.TEAMS_WEBSITE_URL !== undefined && { websiteUrl: e.TEAMS_WEBSITE_URL }),
      ...(e.TEAMS_PRIVACY_URL !== undefined && { privacyUrl: e.TEAMS_PRIVACY_URL }),
      ...(e.TEAMS_TERMS_URL !== undefined && { termsOfUseUrl: e.TEAMS_TERMS_URL }),
    },
  };
}

const LOOPBACK_HOST = '127.0.0.1';

/** The validated environment → the Config the application uses (its type is inferred from this function). */
function toConfig(e: Env) {
  const credentials =
    e.MicrosoftAppId === undefined
      ? undefined
      : {
          appId: e.MicrosoftAppId,
          appType: e.MicrosoftAppType,
          /** Absent for UserAssignedMSI. Never logged. */
          ...(e.MicrosoftAppPassword !== undefined && { appPassword: e.MicrosoftAppPassword }),
          /** Required for SingleTenant and UserAssignedMSI. */
          ...(e.MicrosoftAppTenantId !== undefined && { tenantId: e.MicrosoftAppTenantId }),
        };
  /** `local`: no Microsoft app credentials, no token checks (Agents Playground); `authenticated`: tokens checked. */
  const mode: 'local' | 'authenticated' = credentials ? 'authenticated' : 'local';
  return {
    nodeEnv: e.NODE_ENV,
    mode,
    ...(credentials && { credentials }),
    /** Local mode listens on loopback only, unless HOST is set (main then warns). */
    host: e.HOST ?? (mode === 'local' ? LOOPBACK_HOST : '0.0.0.0'),
    /** True when HOST was set explicitly. */
    hostExplicit: e.HOST !== undefined,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    ...(e.DATABASE_URL !== undefined && { databaseUrl: e.DATABASE_URL }),
    catalogPath: e.CATALOGUE_PATH,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    matching: {
      ...(e.MATCH_CONFIDENT_THRESHOLD !== undefined && { confident: e.MATCH_CONFIDENT_THRESHOLD }),
      ...(e.MATCH_AMBIGUOUS_THRESHOLD !== undefined && { ambiguous: e.MATCH_AMBIGUOUS_THRESHOLD }),
    },
    /** Finished sessions older than this are deleted; 0 keeps them forever. */
    retentionDays: e.RETENTION_DAYS,
    store: {
      /** PostgreSQL statement and connect timeout; every database call's deadline is this + 500 ms. */
      timeoutMs: e.STORE_TIMEOUT_MS,
      /** Consecutive database outages that open the circuit breaker (calls then fail fast). */
      breakerFailures: e.STORE_BREAKER_FAILURES,
      /** How long the circuit stays open before one probe call. */
      breakerOpenMs: e.STORE_BREAKER_OPEN_MS,
      /** How often the local outbox retries writing to an unreachable database. */
      outboxRetryMs: e.OUTBOX_RETRY_MS,
    },
    turns: {
      /** Lease of a turn's claim on its activity (renewed while it runs; a dead turn's claim expires after it). */
      leaseMs: e.TURN_LEASE_MS,
      /** How long a Teams retry waits for the original turn still holding the claim. */
      retryWaitMs: e.TURN_RETRY_WAIT_MS,
    },
    /** From USER_HASH_SALT (the HMAC key of user hashes); when unset main keeps one in DATA_DIR. Never logged. */
    ...(e.USER_HASH_SALT !== undefined && { userHashSalt: e.USER_HASH_SALT }),
    limits: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      /** A turn that takes longer is answered with 503 (Teams retries after about 15 s; the ledger de-duplicates). */
      turnTimeoutMs: e.TURN_TIMEOUT_MS,
      /** Matches per conversation per minute, sustained. */
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      /** Matches a conversation may run back to back before the per-minute rate applies. */
      rateBurst: e.RATE_LIMIT_BURST,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    outbound: {
      /** Attempts per outbound request, the first included. */
      maxAttempts: e.OUTBOUND_MAX_ATTEMPTS,
      baseDelayMs: e.OUTBOUND_BASE_DELAY_MS,
      maxDelayMs: e.OUTBOUND_MAX_DELAY_MS,
      /** Messages per second sent to one conversation thread (Teams allows about 7). */
      perThreadPerSecond: e.OUTBOUND_PER_THREAD_PER_SECOND,
      /** Time limit of one outbound HTTP attempt. */
      attemptTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
    },
    teams: teamsSettings(e),
    playground: {
      enabled: e.PLAYGROUND ?? (mode === 'local' && e.NODE_ENV === 'development'),
      port: e.PLAYGROUND_PORT,
    },
  };
}

/** The whole configuration: every variable, the cross-field checks, the typed result. */
export const ConfigSchema = EnvSchema.superRefine((e, ctx) => {
  for (const [variable, message] of crossFieldProblems(e))
    ctx.addIssue({ code: 'custom', path: [variable], message });
}).transform(toConfig);

export type Config = z.output<typeof ConfigSchema>;
export type Credentials = NonNullable<Config['credentials']>;
export type OutboundConfig = Config['outbound'];

type RawEnv = Readonly<Record<string, string | undefined>>;

/**
 * One "VARIABLE: what was expected" line per issue (through describeIssues, like every zod failure shown to a
 * person), with the value that was given unless the variable is a secret or the message already says it.
 */
function issueLines(error: z.ZodError, given: RawEnv): string[] {
  return error.issues.map((issue) => {
    const variable = issue.path.length === 1 ? String(issue.path[0]) : undefined;
    const raw = variable === undefined ? undefined : given[variable]?.trim();
    const withValue =
      raw && issue.code !== 'custom' && !SECRET_VARIABLES.has(variable ?? '')
        ? { ...issue, message: `${issue.message}, got "${raw}"` }
        : issue;
    return describeIssues(new z.ZodError([withValue]), { root: '(environment)' });
  });
}

/**
 * Validates the environment. Throws ConfigError listing every invalid field (one line each) — never a partial
 * Config. Pure: reads nothing but `env`.
 */
export function loadConfig(given: RawEnv): Config {
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) throw new ConfigError(issueLines(parsed.error, given));
  return parsed.data;
}

const TEAMS_VARIABLES = {
  MicrosoftAppId: true,
  TEAMS_APP_ID: true,
  BOT_NAME: true,
  BOT_FULL_NAME: true,
  BOT_DOMAIN: true,
  TEAMS_DEVELOPER_NAME: true,
  TEAMS_WEBSITE_URL: true,
  TEAMS_PRIVACY_URL: true,
  TEAMS_TERMS_URL: true,
} as const;
const TeamsEnvSchema = EnvSchema.pick(TEAMS_VARIABLES);

/** What the Teams app package needs: the bot's app id and the `teams` settings. */
export interface TeamsPackageSettings {
  /** MicrosoftAppId: the bot id in the manifest (and its webApplicationInfo id). */
  botId?: string;
  teams: Config['teams'];
}

/**
 * Validates only the variables the Teams app package uses (scripts/package-app.ts), so the package can be built
 * where the app secret is not available. `issues` has one line per invalid value (empty when all are valid). Pure.
 */
export function readTeamsPackageSettings(
  given: RawEnv,
): { ok: true; settings: TeamsPackageSettings } | { ok: false; issues: string[] } {
  const parsed = TeamsEnvSchema.safeParse(given);
  if (!parsed.success) return { ok: false, issues: issueLines(parsed.error, given) };
  const botId = parsed.data.MicrosoftAppId;
  return { ok: true, settings: { ...(botId !== undefined && { botId }), teams: teamsSettings(parsed.data) } };
}

/** Throwing form of readTeamsPackageSettings: ConfigError with one line per invalid field. */
export function loadTeamsPackageSettings(given: RawEnv): TeamsPackageSettings {
  const read = readTeamsPackageSettings(given);
  if (!read.ok) throw new ConfigError(read.issues);
  return read.settings;
}

/** A copy of the config that is safe to log: secrets replaced. */
export function redactConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    ...(config.credentials && {
      credentials: {
        ...config.credentials,
        appPassword: config.credentials.appPassword ? '[redacted]' : undefined,
      },
    }),
    ...(config.databaseUrl && {
      databaseUrl: config.databaseUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:[redacted]@'),
    }),
    userHashSalt: config.userHashSalt ? '[redacted]' : undefined,
  };
}
