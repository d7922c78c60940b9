"""What a search asks for, and what a server can be asked: the query value, filters as CQL2
or the query extension, capabilities, queryables, and checks that a page obeyed.

Knows no catalog implementation, no network and no result store: values in, values out.
"""
