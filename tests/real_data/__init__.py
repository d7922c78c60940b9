"""Tests on real providers' recorded STAC data; they skip when it is not beside the checkout."""
