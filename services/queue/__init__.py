"""Crawler messages through RabbitMQ: topology, validation, handler, consumer, publisher."""
