export { createEventBus, type EventBus } from './event-bus';
export { createEventsRouter } from './router';
