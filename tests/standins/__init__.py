"""Local HTTP stand-ins for the platforms' APIs: real sockets on 127.0.0.1, documented JSON."""
