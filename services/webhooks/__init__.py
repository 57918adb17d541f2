"""Telling the community when a recommendation's links are found or change: webhooks to
`WEBHOOK_URL`, delivered at least once (RabbitMQ's delay queues, or an outbox in the
embedded store), and the same event on the broker (docs/notifications.md)."""
