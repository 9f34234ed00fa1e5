"""Numbers, amounts, areas, dates and source addresses as readers of the page language write them.

    number(7850000, "de") -> "7.850.000"          number(69.9, "en") -> "69.9"
    amount(7850000, "EUR", "de") -> "7.850.000 €"  amount(7850000, "EUR", "en") -> "€7,850,000"
    amount(69.9, "ha", "de") -> "69,9 ha"          amount(4.5, "%", "de") -> "4,5 %"
    date_text("2019-12-11", XSD date, "de") -> "11. Dezember 2019" (en: "11 December 2019")
    gYearMonth "2027-06" -> "Juni 2027" / "June 2027";  gYear "2020" -> "2020"

A number and its unit are joined by a no-break space (U+00A0), so they never part at a line end.
The lexical form stays available to machines (pages/values.py puts it in <data value> / <time datetime>);
RDF documents and the SPARQL views keep the typed literals as they are.

Why no Babel: the pages speak two languages whose patterns are few and fixed (the German and the
British English ones above: Babel's "en" would give "December 11, 2019" and "€7,850,000.00", so
each pattern would be overridden anyway), the month names belong in the one translation table
(web/i18n/), and Babel's locale data (~30 MB) would be the service's largest dependency for a
dozen lines of arithmetic.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote, urlsplit

from bochum_kg.web.i18n import t

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBER_TYPES = {XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "decimal", "double", "float")}
DATE_TYPES = {XSD + "date", XSD + "dateTime", XSD + "gYearMonth", XSD + "gYear"}
NBSP = "\u00a0"
_SEPARATORS = {"de": (".", ","), "en": (",", ".")}  # (thousands, decimal mark)
_DATE = re.compile(r"^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?")


def number(value, lang: str) -> str:
    """Grouped thousands and the decimal mark of `lang`; the decimals the value has, no exponent."""
    try:
        exact = Decimal(str(value).strip())
    except InvalidOperation:
        return str(value)
    if not exact.is_finite():
        return str(value)
    thousands, mark = _SEPARATORS.get(lang, _SEPARATORS["de"])
    whole, _, fraction = format(abs(exact), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", thousands)
    return ("-" if exact < 0 else "") + grouped + (mark + fraction if fraction else "")


def amount(value, unit: str | None, lang: str) -> str:
    """A number with its unit ("EUR" as €, before the number in English)."""
    text = number(value, lang)
    if not unit:
        return text
    if unit == "EUR":
        return f"{text}{NBSP}€" if lang == "de" else f"€{text}"
    if unit == "%" and lang != "de":
        return text + "%"
    return f"{text}{NBSP}{unit}"


def date_text(lexical: str, datatype: str, lang: str) -> str:
    """A date (day month year), a month and year, or a year in the words of `lang`."""
    match = _DATE.match(lexical.strip())
    if match is None:
        return lexical
    year, month, day, hour, minute = match.groups()
    year = str(int(year))
    if datatype == XSD + "gYear":
        return year
    if month is None or not 1 <= int(month) <= 12:
        return lexical
    month_name = t(f"month.{int(month)}", lang)
    if datatype == XSD + "gYearMonth":
        return f"{month_name} {year}"
    if day is None:
        return lexical
    day_text = f"{int(day)}. {month_name} {year}" if lang == "de" else f"{int(day)} {month_name} {year}"
    if datatype == XSD + "dateTime" and hour is not None:
        return f"{day_text}, {hour}:{minute}"
    return day_text


def boolean_text(lexical: str, lang: str) -> str:
    if lexical.strip() in ("true", "1"):
        return t("value.true", lang)
    if lexical.strip() in ("false", "0"):
        return t("value.false", lang)
    return lexical


def source_text(url: str, max_segment: int = 40) -> str:
    """A source page named by its host and shortened path: "bochum.de › Die-Bochum-Strategie › … › Haus-des-Wissens"."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return url
    segments = [unquote(s) for s in unquote(parts.path).split("/") if s]
    segments = [re.sub(r"\.(html?|php|aspx?)$", "", s) for s in segments]
    segments = [s if len(s) <= max_segment else s[:max_segment - 1].rstrip("-_ ") + "…" for s in segments]
    if len(segments) > 2:
        segments = [segments[0], "…", segments[-1]]
    return " › ".join([host, *segments])
