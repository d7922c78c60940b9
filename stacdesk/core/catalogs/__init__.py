"""Where items come from: the Catalog interface, STAC APIs (transport, paging pages,
capabilities), catalogs on disk, and the saved connections that open them.

Knows no result store, no running search and no window state.
"""
