/** Guided remediation: plan, session schema and pure transitions. */
export * from './plan';
export * from './session';
export * from './transitions';
