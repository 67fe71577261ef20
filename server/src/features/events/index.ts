export { createEventBus, type EventBus, type LiveEvent } from './event-bus';
export { createPgEventBus } from './pg-event-bus';
export { createEventsFeature, createLiveEventBus } from './feature';
