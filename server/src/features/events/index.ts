export { createEventBus, type EventBus } from './event-bus';
export { createEventsFeature } from './feature';
