"""The result list: a virtualised model over the core result store, and its row painter."""
