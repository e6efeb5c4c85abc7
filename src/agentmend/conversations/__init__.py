"""Conversation exports: the records, the readers and redaction."""
