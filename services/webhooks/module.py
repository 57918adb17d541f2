"""The notifications' wiring: the receivers of `WEBHOOK_URL`, the outbox events wait in
(the broker with `RABBITMQ_URL`, else the embedded outbox under `DATA_DIR`), and who
sends the deliveries (the worker's webhook consumer, else the API's deliverer)."""

from __future__ import annotations

from injector import Injector, Module, provider, singleton

from services.closing import Closing
from services.queue.topology import Topology
from services.settings import Settings
from services.webhooks.deliverer import Deliverer, NoDeliverer, OutboxDeliverer
from services.webhooks.deliveries import DeliveryRule
from services.webhooks.outbox import BrokerOutbox, EmbeddedOutbox, NoOutbox, Outbox
from services.webhooks.outbox_store import OutboxStore
from services.webhooks.queue_handler import WebhookMessages
from services.webhooks.sending import WebhookSender

OUTBOX_FILE = "webhooks.sqlite3"


class WebhooksModule(Module):
    """Binds the `Outbox`, the `Deliverer` the API starts, and the worker's handler."""

    @singleton
    @provider
    def sender(self, settings: Settings, closing: Closing) -> WebhookSender:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        sender = WebhookSender(settings.webhook_method, secret, settings.webhook_timeout_seconds)
        return closing.register(sender)

    @singleton
    @provider
    def rule(self, settings: Settings, sender: WebhookSender, topology: Topology) -> DeliveryRule:
        # One back-off for the broker's delay queues and the embedded outbox.
        return DeliveryRule(
            sender,
            settings.webhook_receivers,
            topology.webhook_retries,
            settings.webhook_max_age_seconds,
        )

    @singleton
    @provider
    def store(self, settings: Settings, closing: Closing) -> OutboxStore:
        return closing.register(OutboxStore(settings.data_dir / OUTBOX_FILE))

    @singleton
    @provider
    def outbox(self, settings: Settings, injector: Injector) -> Outbox:
        receivers = settings.webhook_receivers
        if settings.rabbitmq_url:
            from services.queue.pool import PublisherPool

            # Subscribers of `recommendation.linked` hear of every event, receivers or not.
            return BrokerOutbox(injector.get(PublisherPool), receivers)
        if receivers:
            return EmbeddedOutbox(injector.get(OutboxStore), receivers)
        return NoOutbox()

    @singleton
    @provider
    def deliverer(self, settings: Settings, injector: Injector, closing: Closing) -> Deliverer:
        """What the API starts: the outbox's sender, unless the worker sends (broker)."""
        if settings.rabbitmq_url or not settings.webhook_receivers:
            return NoDeliverer()
        deliverer = OutboxDeliverer(
            injector.get(OutboxStore),
            injector.get(DeliveryRule),
            settings.webhook_deliveries_at_once,
        )
        return closing.register(deliverer)

    @singleton
    @provider
    def webhook_messages(self, rule: DeliveryRule) -> WebhookMessages:
        return WebhookMessages(rule)
