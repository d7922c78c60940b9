"""Search results written for other tools: GeoJSON, ndjson, CSV, stac-geoparquet, URL lists,
metalink, and the choice of assets they list.

Knows no catalog or search: it writes the items it is given.
"""
