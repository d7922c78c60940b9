"""Plots over the loaded results (acquisition timeline, cloud cover) that double as filters."""
