"""Which bands a preview draws, from the item's metadata alone."""

from stacdesk.core.previews.bands import choose, recipes

TIF = "image/tiff; application=geotiff; profile=cloud-optimized"


def test_visual_asset_comes_first() -> None:
    item = {
        "assets": {
            "visual": {"href": "https://x/TCI.tif", "type": TIF, "roles": ["visual"]},
            "red": {"href": "https://x/B04.tif", "type": TIF, "eo:bands": [{"common_name": "red"}]},
        }
    }
    recipe = choose(item)
    assert recipe is not None and recipe.visual
    where = [(c.href, c.band) for c in recipe.channels]
    assert where == [("https://x/TCI.tif", i) for i in (1, 2, 3)]


def test_true_and_false_colour_from_band_metadata() -> None:
    def asset(name: str, key: str = "eo:bands") -> dict[str, object]:
        bands = [{"common_name": name}] if key == "eo:bands" else [{"eo:common_name": name}]
        return {"href": f"https://x/{name}.tif", "type": TIF, key: bands}

    item = {
        "assets": {
            "B02": asset("blue"),
            "B03": asset("green", "bands"),  # STAC 1.1 bands
            "B04": asset("red"),
            "B08": asset("nir"),
            "thumbnail": {"href": "https://x/t.png", "type": "image/png"},
        }
    }
    labels = [r.label for r in recipes(item)]
    assert labels[:2] == ["true colour (red/green/blue)", "false colour (nir/red/green)"]
    false = choose(item, "false colour")
    assert false is not None
    hrefs = [c.href for c in false.channels]
    assert hrefs == [f"https://x/{n}.tif" for n in ("nir", "red", "green")]


def test_one_multiband_file_and_well_known_keys() -> None:
    bands = [{"common_name": n} for n in ("blue", "green", "red")]
    item = {"assets": {"data": {"href": "s3://b/k.tif", "eo:bands": bands}}}
    recipe = choose(item)
    assert recipe is not None
    assert [(c.band, c.name) for c in recipe.channels] == [(3, "red"), (2, "green"), (1, "blue")]
    keys = {k: {"href": f"https://x/{k}.TIF"} for k in ("SR_B2", "SR_B3", "SR_B4")}
    assert (r := choose({"assets": keys})) is not None and r.label.startswith("true colour")


def test_sar_backscatter_in_decibels() -> None:
    item = {
        "properties": {"sar:polarizations": ["VV", "VH"]},
        "assets": {"vv": {"href": "https://x/vv.tif", "type": TIF, "roles": ["data"]},
                   "vh": {"href": "https://x/vh.tif", "type": TIF, "roles": ["data"]}},
    }  # fmt: skip
    recipe = choose(item)
    assert recipe is not None and recipe.decibels and recipe.colormap
    assert recipe.label == "VV backscatter (dB)"


def test_nothing_to_preview_is_none_not_an_error() -> None:
    assert choose({}) is None
    assert choose({"assets": {"t": {"href": "https://x/t.png", "type": "image/png"}}}) is None
    assert choose({"assets": "junk"}) is None  # type: ignore[dict-item]


def test_relative_hrefs_follow_the_self_link() -> None:
    item = {
        "links": [{"rel": "self", "href": "https://cat.example/items/a/a.json"}],
        "assets": {"data": {"href": "./B04.tif", "roles": ["data"]}},
    }
    recipe = choose(item)
    assert recipe is not None and recipe.channels[0].href == "https://cat.example/items/a/B04.tif"
