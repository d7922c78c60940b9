"""Dialogs the menus open that belong to no panel: settings, keyboard shortcuts, export."""
