"""Decode report bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (GBK, GB2312).

Detection, not guessing: a BOM decides; otherwise strict UTF-8, then a declared charset (an HTML
meta), then strict GB18030. UTF-8 and GB18030 are self-checking for Chinese text (random bytes
rarely decode strictly as either), and GB18030 is a superset of GBK and GB2312, so no detection
library is needed for the encodings reports use.
"""

from __future__ import annotations

import codecs

from scorer.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
_NOT_CONTROL = bytes(byte for byte in range(256) if byte not in _CONTROL)
_ALIASES = {"x-gbk": "gbk", "gb_2312-80": "gb2312", "x-euc-cn": "gb2312"}
_EVERY_BYTE = bytes(range(256))


def decode(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name); `declared` is a charset the document names for itself."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(path, data, name), name
    if _looks_binary(data):
        raise InputError(path, "binary file, not text")
    for name in _candidates(declared):
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(path, "cannot decode: not UTF-8 or GB18030/GBK text")


def _strict(path: str, data: bytes, name: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as {name} (byte {exc.start})") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # deleting the others counts in C
    return controls > len(head) * 0.05


def _candidates(declared: str | None) -> list[str]:
    """Strict UTF-8 first: valid UTF-8 is UTF-8 whatever a page claims (pages re-saved as UTF-8
    keep a stale GB2312 meta). A declared single-byte charset goes last: it decodes any bytes."""
    name = _canonical(declared) if declared else None
    if name is None:
        return ["utf-8", "gb18030"]
    order = ["utf-8", "gb18030", name] if _single_byte(name) else ["utf-8", name, "gb18030"]
    return list(dict.fromkeys(order))


def _single_byte(name: str) -> bool:
    """A single-byte codec (latin-1, cp1252, koi8-r, windows-1251…) proves nothing by decoding
    strictly: nearly any bytes pass, so a wrong declaration would turn a GBK page into garbage."""
    return len(_EVERY_BYTE.decode(name, errors="replace")) == len(_EVERY_BYTE)


def _canonical(name: str) -> str | None:
    """The codec for a charset label, or None for a label Python does not know."""
    name = name.strip().lower()
    try:
        name = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely contain characters only GB18030 has: read them as GB18030
    return "gb18030" if name in {"gb2312", "gbk"} else name
