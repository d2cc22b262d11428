// Handlers imported straight into tests run with the variables the stack would give them, quietly.
process.env.POWERTOOLS_SERVICE_NAME ??= 'ordersaga-test';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'ordersaga';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_REGION ??= 'us-east-1';
