/** Slack's Block Kit limits (docs.slack.dev, "Blocks" reference); the renderer stays within them. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Not documented for context; kept at the field limit to be safe. */
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Slack truncates message text at 40,000; the fallback is a notification line, kept short. */
  fallbackText: 3000,
  /** A response_url accepts five responses. */
  responsesPerUrl: 5,
} as const;
