import type { ChannelAdapter, ChannelKind } from './channel-adapter';

/** The adapters this deployment has turned on. */
export type ChannelRegistry = Partial<Record<ChannelKind, ChannelAdapter>>;
