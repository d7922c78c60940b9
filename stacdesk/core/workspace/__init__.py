"""What the window works on: the open catalog, the area of interest, the search, the
selection, and the coverage kept current over them.

The top of the core: it ties catalogs, search and results together; nothing in the core imports it.
"""
