"""The download manager's face: the downloads panel, the bulk dialog, and the ways work reaches
the engine (item details, results, drags and drops)."""
