"""Decode bytes from files of unknown encoding without crashing."""

from __future__ import annotations

import codecs

__all__ = ["decode_bytes"]


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding used)``.

    With ``encoding`` given it is used strictly. Otherwise: a BOM decides (UTF-8,
    UTF-16, UTF-32); then UTF-8; then Windows-1252 (legacy Western files); then
    Latin-1, which never fails.

    >>> decode_bytes("Kyïv – “talks”".encode("cp1252"))
    ('Kyïv – “talks”', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF8 + "Kyiv".encode())
    ('Kyiv', 'utf-8-sig')
    """
    if encoding is not None:
        return data.decode(encoding), encoding
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc), enc
    for enc in ("utf-8", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
