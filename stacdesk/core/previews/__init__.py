"""Previews: the real pixels of an item's cloud-optimised GeoTIFFs, read for a lon/lat view.

Owns what to draw (band choice from the item's metadata), how the files are reached (GDAL paths
and options carrying the caller's credentials), whether a file is cloud-optimised (overviews,
tiles, size), the windowed, reprojected read of only the overview level and tiles a view needs,
the contrast stretch, the values under a point, a bounded disk cache of decoded previews, a
mosaic of several items, and a service that reads one preview at a time in a worker.

Knows no catalog, search, Qt or credentials store: headers, URL signing and S3 options are
handed in by the caller, as for thumbnails and downloads. rasterio (GDAL) is imported only
inside the functions that read, so start-up never pays for it.
"""
