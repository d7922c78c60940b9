"""Opening catalogs: the connections manager, its test and OpenID login, Add URL…, and local
catalogs opened from disk."""
