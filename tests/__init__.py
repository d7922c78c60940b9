"""stacdesk tests."""
