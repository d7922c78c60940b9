"""Qt widgets: thin views that subscribe to core objects."""
