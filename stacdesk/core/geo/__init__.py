"""Places on the Earth: areas of interest (parsed, repaired), footprints, the offline
gazetteer and basemap.

Knows no catalog, search or result: plain shapes and arrays in lon/lat.
"""
