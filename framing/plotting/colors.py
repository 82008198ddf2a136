"""One colour per outlet, variant and side across a whole report, colour-blind-safe.

Colours come from the Okabe-Ito palette (distinguishable with the common forms of
colour blindness) followed by Paul Tol's muted palette; keys beyond both are grey, so a
chart with very many outlets aggregates them rather than cycling through look-alike hues.
A :class:`Palette` is built once per report from the keys in order of importance (most
articles or mentions first) and then asked for the colour of a key anywhere: "Kyiv" has
the same colour in every event. Sides have preferred colours (Russia vermillion, Ukraine
blue, ...), taken when free, so two sides never share a colour.

Examples
--------
>>> p = Palette(["Kyiv", "Kiev"])
>>> p["Kyiv"], p["Kiev"], p["Kyiv"]
('#0072B2', '#E69F00', '#0072B2')
>>> sides = side_palette(["Ukraine", "Russia", "unknown"])
>>> sides["Russia"], sides["Ukraine"], sides["unknown"]
('#D55E00', '#0072B2', '#BBBBBB')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["COLORS", "OKABE_ITO", "OTHER", "TOL_MUTED", "Palette", "side_palette"]

#: Okabe & Ito (2008), black left out (it is the text colour).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Paul Tol's muted scheme (colour-blind-safe), for keys beyond Okabe-Ito.
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
#: The distinct colours handed out, in order (black last of Okabe-Ito is skipped).
COLORS: tuple[str, ...] = (*OKABE_ITO[:7], *TOL_MUTED)
#: Colour of everything beyond :data:`COLORS` and of "other"/"unknown" entries.
OTHER = "#BBBBBB"

#: Preferred colours of known sides (used when free).
_SIDE_PREFERRED: Mapping[str, str] = {
    "Russia": "#D55E00",
    "Ukraine": "#0072B2",
    "the West": "#CC79A7",
    "mediators": "#009E73",
    "Democrats": "#56B4E9",
    "Republicans": "#E69F00",
    "left": "#0072B2",
    "right": "#D55E00",
    "center": "#009E73",
    "centre": "#009E73",
}
_GREY_KEYS = {"unknown", "other", "mixed", "", "none"}


class Palette(Mapping[str, str]):
    """A fixed colour for each key, handed out in the order the keys are given.

    Parameters
    ----------
    keys:
        Keys in order of importance; repeated keys keep their first colour.
    preferred:
        Colours to give particular keys when that colour is still free.
    """

    def __init__(self, keys: Iterable[object] = (), *, preferred: Mapping[str, str] | None = None) -> None:
        self._map: dict[str, str] = {}
        free = list(COLORS)
        order = [str(k) for k in dict.fromkeys(str(k) for k in keys)]
        pref = dict(preferred or {})
        for k in order:  # preferred colours first, so a later key cannot take them
            c = pref.get(k)
            if k.lower() in _GREY_KEYS:
                self._map[k] = "#888888" if k.lower() == "mixed" else OTHER
            elif c in free:
                self._map[k] = c
                free.remove(c)
        for k in order:
            if k not in self._map:
                self._map[k] = free.pop(0) if free else OTHER

    def __getitem__(self, key: object) -> str:
        return self._map.get(str(key), OTHER)

    def __iter__(self):
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)


def side_palette(sides: Iterable[object] = ()) -> Palette:
    """The palette of sides: known sides in their preferred colours, the rest distinct."""
    return Palette(sides, preferred=_SIDE_PREFERRED)
