/** Moved to src/testing so `baton flows` can play specialists too; tests keep importing it from here. */
export * from '../../src/testing/slack-signing';
