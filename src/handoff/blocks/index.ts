/**
 * Pure Block Kit builders for the Slack bridge: the handoff card, thread notes, the tag and
 * find modals and the App Home. No I/O: handlers post what these return.
 */
export * from './app-home';
export * from './block-kit';
export * from './find-modal';
export * from './handoff-card';
export { channelLabels, maskedNumber, stateBadge, stateLabels, tagLabel, travelerLabel } from './labels';
export * from './tag-modal';
export * from './thread-notes';
export { ViewSubmissionError } from './view-submission';
