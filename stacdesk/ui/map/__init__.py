"""The map panel: basemap, drawing tools and result footprints on a pyqtgraph view in lon/lat."""
