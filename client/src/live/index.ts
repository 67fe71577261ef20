export { createLiveHub, type EventSourceLike, type LiveHub, type LiveHubOptions, type LiveStatus, type LiveSubscriber, type SignedOutReason } from './liveHub';
export { restartSharedLive, sharedLiveHub, useLiveEvents, type UseLiveEventsOptions } from './useLiveEvents';
