/**
 * The environment, validated: the only module that reads configuration variables (DESIGN.md). `loadConfig(env)`
 * is pure — it takes the environment as an argument and either returns a typed Config or throws a ConfigError
 * whose message has one line per invalid field. Every variable is documented in `.env.example` and the README.
 */
import { z } from 'zod';
import { DomainError } from './core/errors';

export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Credentials {
  appId: string;
  /** Absent for UserAssignedMSI. Never logged. */
  appPassword?: string;
  appType: AppType;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
}

export interface OutboundConfig {
  /** Attempts per outbound request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Messages per second sent to one conversation thread (Teams allows about 7). */
  perThreadPerSecond: number;
  /** Time limit of one outbound HTTP attempt. */
  attemptTimeoutMs: number;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** `local`: no Microsoft app credentials, no token checks (Agents Playground); `authenticated`: tokens checked. */
  mode: 'local' | 'authenticated';
  credentials?: Credentials;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  catalogPath: string;
  logLevel: LogLevel;
  matching: { confident?: number; ambiguous?: number };
  /** Finished sessions older than this are deleted; 0 keeps them forever. */
  retentionDays: number;
  /** From USER_HASH_SALT; in local mode main generates and persists one in DATA_DIR when unset. Never logged. */
  userHashSalt?: string;
  limits: {
    maxBodyBytes: number;
    /** A turn that takes longer is answered with 503 (Teams retries after about 15 s; the ledger de-duplicates). */
    turnTimeoutMs: number;
    /** Matches per conversation per minute, sustained. */
    ratePerMinute: number;
    /** Matches a conversation may run back to back before the per-minute rate applies. */
    rateBurst: number;
    shutdownTimeoutMs: number;
  };
  outbound: OutboundConfig;
  teams: {
    /** The Teams app (manifest) id; defaults to the bot's app id. */
    appId?: string;
    botName: string;
    botFullName: string;
    /** Host name of the messaging endpoint, listed in the manifest's validDomains. */
    botDomain?: string;
    /** The publisher shown in the Teams app details (manifest `developer`); the URLs are https. */
    developer: { name: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
  };
  playground: { enabled: boolean; port: number };
}

/** Invalid configuration: `issues` has one "FIELD: what was expected" line per problem. */
export class ConfigError extends DomainError {
  constructor(readonly issues: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n${issues.map((issue) => `  ${issue}`).join('\n')}`, {
      issues,
    });
    this.name = 'ConfigError';
  }
}

// ---- field parsers: environment values are strings; an empty string means "not set" ----

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.trim()) : value),
    z.string({ error: 'expected text' }).optional(),
  );

/**
 * An optional variable read by `read`: blank or unset gives `fallback`; `read` returning undefined means the value
 * is invalid, reported as one message saying what was expected and what was given.
 */
const envValue = <T, D>(read: (raw: string) => T | undefined, expected: string, fallback: D) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx): T | D => {
        if (value === undefined) return fallback;
        const parsed = read(value);
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: `expected ${expected}, got "${value}"` });
          return z.NEVER;
        }
        return parsed;
      }),
  );

const integer = (defaultValue: number, min: number, max: number) =>
  envValue(
    (raw) => {
      const parsed = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isSafeInteger(parsed) && parsed >= min && parsed <= max ? parsed : undefined;
    },
    `an integer from ${min} to ${max}`,
    defaultValue,
  );

const fraction = () =>
  envValue(
    (raw) => {
      const parsed = /^\s*\d*\.?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
      return parsed >= 0 && parsed <= 1 ? parsed : undefined;
    },
    'a number from 0 to 1',
    undefined,
  );

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];
const flag = () =>
  envValue(
    (raw) => {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      return FALSE_WORDS.includes(word) ? false : undefined;
    },
    'true or false',
    undefined,
  );

const oneOf = <T extends string>(values: readonly T[], defaultValue: T) =>
  envValue(
    (raw) => values.find((candidate) => candidate.toLowerCase() === raw.trim().toLowerCase()),
    `one of ${values.join(', ')}`,
    defaultValue,
  );

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = () =>
  optionalText().refine((value) => value === undefined || GUID.test(value), {
    message: 'expected a GUID like 00000000-0000-0000-0000-000000000000',
  });

const databaseUrl = () =>
  optionalText().refine((value) => value === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: 'expected a PostgreSQL URL like postgres://user:password@host:5432/remedy',
  });

const hostName = () =>
  optionalText().refine(
    (value) =>
      value === undefined || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(value),
    {
      message: 'expected a host name without scheme or path, like remedy.example.com',
    },
  );

const httpsUrl = () =>
  optionalText().refine((value) => value === undefined || /^https:\/\/[^\s/]+(\/\S*)?$/.test(value), {
    message: 'expected an https:// URL, like https://remedy.example.com/privacy',
  });

/** Every variable the application reads, with its parser. The keys are the variable names. */
export const EnvSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, 'development'),
  MicrosoftAppId: guid(),
  MicrosoftAppPassword: optionalText(),
  MicrosoftAppType: oneOf(APP_TYPES, 'SingleTenant'),
  MicrosoftAppTenantId: optionalText(),
  HOST: optionalText(),
  PORT: integer(3978, 0, 65535), // 0: any free port (tests)
  DATA_DIR: optionalText(),
  DATABASE_URL: databaseUrl(),
  CATALOGUE_PATH: optionalText(),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  MATCH_CONFIDENT_THRESHOLD: fraction(),
  MATCH_AMBIGUOUS_THRESHOLD: fraction(),
  RETENTION_DAYS: integer(90, 0, 36500),
  USER_HASH_SALT: optionalText().refine((value) => value === undefined || value.length >= 16, {
    message: 'expected at least 16 characters (a random secret)',
  }),
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
  BOT_NAME: optionalText().refine((value) => value === undefined || value.length <= 30, {
    message: 'expected at most 30 characters (the Teams short name limit)',
  }),
  BOT_FULL_NAME: optionalText().refine((value) => value === undefined || value.length <= 100, {
    message: 'expected at most 100 characters (the Teams full name limit)',
  }),
  BOT_DOMAIN: hostName(),
  TEAMS_DEVELOPER_NAME: optionalText().refine((value) => value === undefined || value.length <= 32, {
    message: 'expected at most 32 characters (the Teams developer name limit)',
  }),
  TEAMS_WEBSITE_URL: httpsUrl(),
  TEAMS_PRIVACY_URL: httpsUrl(),
  TEAMS_TERMS_URL: httpsUrl(),
  PLAYGROUND: flag(),
  PLAYGROUND_PORT: integer(56150, 1, 65535),
});
export type Env = z.infer<typeof EnvSchema>;

/** The variable names, for documentation checks (README, .env.example). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as Array<keyof typeof EnvSchema.shape>;

/** Checks that involve several variables; each problem is reported against one variable name. */
function crossFieldIssues(env: Env): string[] {
  const issues: string[] = [];
  const {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: password,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId,
  } = env;
  if (appId === undefined) {
    if (password !== undefined) issues.push('MicrosoftAppId: required when MicrosoftAppPassword is set');
    if (env.NODE_ENV === 'production') {
      issues.push(
        'MicrosoftAppId: required when NODE_ENV=production (without Microsoft app credentials the bot runs in local mode, which has no token checks and is for development only)',
      );
    }
    return issues;
  }
  if (appType === 'UserAssignedMSI') {
    if (password !== undefined)
      issues.push(
        'MicrosoftAppPassword: must not be set for MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)',
      );
    if (tenantId === undefined)
      issues.push(
        'MicrosoftAppTenantId: required for MicrosoftAppType=UserAssignedMSI (the tenant of the managed identity)',
      );
  } else {
    if (password === undefined)
      issues.push(
        `MicrosoftAppPassword: required for MicrosoftAppType=${appType} (the client secret of the app registration)`,
      );
    if (appType === 'SingleTenant' && tenantId === undefined) {
      issues.push(
        'MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant (the tenant id of the app registration)',
      );
    }
  }
  if (env.NODE_ENV === 'production' && env.USER_HASH_SALT === undefined) {
    issues.push(
      'USER_HASH_SALT: required when NODE_ENV=production (a random secret shared by all instances; user ids are hashed with it)',
    );
  }
  if (env.PLAYGROUND === true)
    issues.push('PLAYGROUND: the Agents Playground runs only in local mode (without MicrosoftAppId)');
  return issues;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.') || '(environment)';
  return `${field}: ${issue.message}`;
}

/**
 * Validates the environment. Throws ConfigError listing every invalid field (one line each) — never a partial
 * Config. Pure: reads nothing but `env`.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(formatIssue));
  const e = parsed.data;
  const issues = crossFieldIssues(e);
  if (
    e.MATCH_CONFIDENT_THRESHOLD !== undefined &&
    e.MATCH_AMBIGUOUS_THRESHOLD !== undefined &&
    e.MATCH_AMBIGUOUS_THRESHOLD > e.MATCH_CONFIDENT_THRESHOLD
  ) {
    issues.push(
      `MATCH_AMBIGUOUS_THRESHOLD: expected at most MATCH_CONFIDENT_THRESHOLD (${e.MATCH_CONFIDENT_THRESHOLD}), got ${e.MATCH_AMBIGUOUS_THRESHOLD}`,
    );
  }
  if (e.OUTBOUND_MAX_DELAY_MS < e.OUTBOUND_BASE_DELAY_MS) {
    issues.push(
      `OUTBOUND_MAX_DELAY_MS: expected at least OUTBOUND_BASE_DELAY_MS (${e.OUTBOUND_BASE_DELAY_MS}), got ${e.OUTBOUND_MAX_DELAY_MS}`,
    );
  }
  if (issues.length > 0) throw new ConfigError(issues);

  const credentials: Credentials | undefined =
    e.MicrosoftAppId === undefined
      ? undefined
      : {
          appId: e.MicrosoftAppId,
          appType: e.MicrosoftAppType,
          ...(e.MicrosoftAppPassword !== undefined && { appPassword: e.MicrosoftAppPassword }),
          ...(e.MicrosoftAppTenantId !== undefined && { tenantId: e.MicrosoftAppTenantId }),
        };
  const mode = credentials ? 'authenticated' : 'local';
  return {
    nodeEnv: e.NODE_ENV,
    mode,
    ...(credentials && { credentials }),
    host: e.HOST ?? '0.0.0.0',
    port: e.PORT,
    dataDir: e.DATA_DIR ?? './data',
    ...(e.DATABASE_URL !== undefined && { databaseUrl: e.DATABASE_URL }),
    catalogPath: e.CATALOGUE_PATH ?? 'knowledge/catalogue.json',
    logLevel: e.LOG_LEVEL,
    matching: {
      ...(e.MATCH_CONFIDENT_THRESHOLD !== undefined && { confident: e.MATCH_CONFIDENT_THRESHOLD }),
      ...(e.MATCH_AMBIGUOUS_THRESHOLD !== undefined && { ambiguous: e.MATCH_AMBIGUOUS_THRESHOLD }),
    },
    retentionDays: e.RETENTION_DAYS,
    ...(e.USER_HASH_SALT !== undefined && { userHashSalt: e.USER_HASH_SALT }),
    limits: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      turnTimeoutMs: e.TURN_TIMEOUT_MS,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
      rateBurst: e.RATE_LIMIT_BURST,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    outbound: {
      maxAttempts: e.OUTBOUND_MAX_ATTEMPTS,
      baseDelayMs: e.OUTBOUND_BASE_DELAY_MS,
      maxDelayMs: e.OUTBOUND_MAX_DELAY_MS,
      perThreadPerSecond: e.OUTBOUND_PER_THREAD_PER_SECOND,
      attemptTimeoutMs: e.OUTBOUND_TIMEOUT_MS,
    },
    teams: teamsSettings(e),
    playground: {
      enabled: e.PLAYGROUND ?? (mode === 'local' && e.NODE_ENV === 'development'),
      port: e.PLAYGROUND_PORT,
    },
  };
}

const TeamsEnvSchema = EnvSchema.pick({
  MicrosoftAppId: true,
  TEAMS_APP_ID: true,
  BOT_NAME: true,
  BOT_FULL_NAME: true,
  BOT_DOMAIN: true,
  TEAMS_DEVELOPER_NAME: true,
  TEAMS_WEBSITE_URL: true,
  TEAMS_PRIVACY_URL: true,
  TEAMS_TERMS_URL: true,
});

function teamsSettings(e: z.infer<typeof TeamsEnvSchema>): Config['teams'] {
  const appId = e.TEAMS_APP_ID ?? e.MicrosoftAppId;
  const botName = e.BOT_NAME ?? 'Remedy';
  return {
    ...(appId !== undefined && { appId }),
    botName,
    botFullName: e.BOT_FULL_NAME ?? 'Remedy — Azure Backup error remediation',
    ...(e.BOT_DOMAIN !== undefined && { botDomain: e.BOT_DOMAIN }),
    developer: {
      name: e.TEAMS_DEVELOPER_NAME ?? botName,
      ...(e.TEAMS_WEBSITE_URL !== undefined && { websiteUrl: e.TEAMS_WEBSITE_URL }),
      ...(e.TEAMS_PRIVACY_URL !== undefined && { privacyUrl: e.TEAMS_PRIVACY_URL }),
      ...(e.TEAMS_TERMS_URL !== undefined && { termsOfUseUrl: e.TEAMS_TERMS_URL }),
    },
  };
}

/** What the Teams app package needs: the bot's app id and the `teams` settings. */
export interface TeamsPackageSettings {
  /** MicrosoftAppId: the bot id in the manifest (and its webApplicationInfo id). */
  botId?: string;
  teams: Config['teams'];
}

/**
 * Validates only the variables the Teams app package uses (scripts/package-app.ts), so the package can be built
 * where the app secret is not available. Throws ConfigError with one line per invalid field. Pure.
 */
export function loadTeamsPackageSettings(
  env: Readonly<Record<string, string | undefined>>,
): TeamsPackageSettings {
  const parsed = TeamsEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(formatIssue));
  return {
    ...(parsed.data.MicrosoftAppId !== undefined && { botId: parsed.data.MicrosoftAppId }),
    teams: teamsSettings(parsed.data),
  };
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
