"""Pages to share: what a person opens from a chat, rendered on the server as HTML."""
