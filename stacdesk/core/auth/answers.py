"""Small helpers shared by the token and signing clients: renewal margins, reading answers."""

from __future__ import annotations

from typing import Any

import httpx


def margin(lifetime: float, cap: float) -> float:
    """Renew this long before expiry: a fifth of the lifetime, at most ``cap`` seconds."""
    return max(0.0, min(cap, lifetime / 5))


def json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def server_said(data: dict[str, Any]) -> str:
    text = data.get("error_description") or data.get("error")
    return f" Server said: {str(text)[:160]}" if isinstance(text, str) and text else ""


def positive_number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default
