"""Real STAC API servers (pgstac, rustac), proxies and an asset server for the tests."""
