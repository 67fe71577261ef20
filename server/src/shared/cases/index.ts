/**
 * The cases feature's shared contract (CJ/T 315 closed loop), split by concern:
 * workflow (states, actions, departments), categories (catalogue and its bodies),
 * records (a case as filed, listed and detailed), photos and KPIs.
 */
export * from './constants';
export * from './workflow';
export * from './categories';
export * from './records';
export * from './photos';
export * from './kpis';
