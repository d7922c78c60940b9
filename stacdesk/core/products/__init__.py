"""Products: what makes items of different catalogs the same product, and one row per product.

Owns the missions' identity rules (Sentinel product names and granule ids, Landsat product ids,
Sentinel-1 orbit and datatake), the incremental merge of items from several sources into product
rows, and the matching of collections between catalogs by what they hold. Pure data: it knows no
catalog, transport, result store or window; the multi-catalog search hands it items as dicts.
"""
