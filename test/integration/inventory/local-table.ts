export { startLocalTable, WEBHOOK_SECRET, type LocalTable } from '#test/support/local-table';
