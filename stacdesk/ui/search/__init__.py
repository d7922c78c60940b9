"""The search dock and what builds a query: catalog choice, collections, dates, filters; and the
Search menu's saved searches and copy-as actions."""
