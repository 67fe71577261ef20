export { createMemoryCounterStore, type CounterStore } from './counter-store';
export { createRateLimitRepository } from './rate-limit-repository';
export { createWindowLimiter, type LimitDecision, type WindowLimiter, type WindowLimiterOptions } from './window-limiter';
