// The handlers manifest.yml names, and nothing else.

// jira:adminPage resolver
export { adminResolver } from './composition';
// scheduledTrigger (fiveMinute)
export { scheduledTick } from './composition';
// consumer on the entra-sync-steps queue
export { syncConsumer } from './composition';
// webtrigger (Microsoft Graph change notifications)
export { changeNotifications } from './composition';
