"""stacdesk: a desktop product browser for STAC catalogs."""

__version__ = "0.1.0"
