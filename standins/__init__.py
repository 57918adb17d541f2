"""Local HTTP stand-ins for the providers, answering their documented JSON, and the
links matching tables: used by the tests and by `make bench`, never by the service."""
