"""The Qt-free core, driven by the window, the CLI and tests, in concept packages.

Top down (each imports only from below; import-linter contracts in pyproject.toml hold it):
``workspace`` (what the window works on) > ``search`` (one search run, saved searches) >
``catalogs`` (where items come from) | ``results`` (what came back) | ``export`` >
``query`` (what is asked) | ``auth`` | ``geo`` | ``thumbnails`` | ``downloads`` > ``common``.
A package's ``__init__`` holds its docstring only (``auth`` re-exports its small API), so
importing one module costs only what that module needs.
"""
