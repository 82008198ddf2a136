"""Decode bytes from files of unknown encoding without crashing."""

from __future__ import annotations

import codecs

__all__ = ["decode_bytes", "guess_utf16_32"]


def guess_utf16_32(data: bytes) -> str | None:
    """``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"`` or ``"utf-32-be"`` when ``data``
    looks like text in that encoding written without a byte-order mark (mostly
    ASCII, so every other byte, or three bytes in four, are zero), else None.

    >>> guess_utf16_32("Kyiv said no.".encode("utf-16-le")), guess_utf16_32(b"Kyiv")
    ('utf-16-le', None)
    """
    n = len(data) - len(data) % 4
    if n < 8 or data[:n].count(0) < n // 3:
        return None
    sample = data[: min(n, 1 << 16)]
    quarters = [sample[k::4].count(0) / (len(sample) // 4) for k in range(4)]
    if min(quarters[2:]) > 0.9 and quarters[0] < 0.5:
        return "utf-32-le"
    if min(quarters[:2]) > 0.9 and quarters[3] < 0.5:
        return "utf-32-be"
    even = (quarters[0] + quarters[2]) / 2
    odd = (quarters[1] + quarters[3]) / 2
    if odd > 0.7 and even < 0.2:
        return "utf-16-le"
    if even > 0.7 and odd < 0.2:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding used)``.

    With ``encoding`` given it is used strictly. Otherwise: a BOM decides (UTF-8,
    UTF-16, UTF-32); then UTF-16 or UTF-32 written without a BOM, when the zero
    bytes say so; then UTF-8; then Windows-1252 (legacy Western files); then
    Latin-1, which never fails.

    >>> decode_bytes("Kyïv – “talks”".encode("cp1252"))
    ('Kyïv – “talks”', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF8 + "Kyiv".encode())
    ('Kyiv', 'utf-8-sig')
    >>> decode_bytes("Kyïv said no.".encode("utf-16-be"))
    ('Kyïv said no.', 'utf-16-be')
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
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break  # a BOM followed by something else: fall through to the guesses
    wide = guess_utf16_32(data)
    for enc in ((wide,) if wide else ()) + ("utf-8", "cp1252"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
