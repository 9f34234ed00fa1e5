"""Values for people (web/formatting.py, web/pages/values.py): numbers, amounts, areas and dates in the
page language, no datatype IRIs in HTML, each source once with a readable name."""

from __future__ import annotations

import re

import pytest

from bochum_kg.web import formatting
from bochum_kg.web.formatting import NBSP, XSD

PROJECT = "/project/haus-des-wissens.html"


def page(client, path: str, lang: str) -> str:
    response = client.get(path + ("&" if "?" in path else "?") + "lang=" + lang)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang, amount, end", [
    ("de", f"7.850.000{NBSP}€", "Juni 2027"),
    ("en", "€7,850,000", "June 2027"),
])
def test_a_project_page_speaks_the_page_language(client, lang, amount, end):
    html = page(client, PROJECT, lang)
    assert f"{amount} (" in html  # "7.850.000 € (Mittel)": the figure's note
    assert f'<time datetime="2027-06">{end}</time>' in html  # bs:endDate, a gYearMonth
    assert '<time datetime="2020">2020</time>' in html  # bs:startDate, a gYear
    assert "xsd:" not in html and "XMLSchema#" not in html
    assert "7850000 EUR" not in html and "2027-06<" not in html


@pytest.mark.parametrize("lang, amount", [("de", f"7.850.000{NBSP}€"), ("en", "€7,850,000")])
def test_a_figure_page_writes_its_value_with_its_unit(client, lang, amount):
    html = page(client, "/figure/haus-des-wissens--budget--3.html", lang)
    assert f'<data value="7850000">{amount}</data>' in html
    assert "xsd:" not in html


@pytest.mark.parametrize("lang, area, date", [
    ("de", f"69,9{NBSP}ha", "11. Dezember 2019"),
    ("en", f"69.9{NBSP}ha", "11 December 2019"),
])
def test_areas_and_dates(client, lang, area, date):
    assert f"{area} (" in page(client, "/site/mark-51-7.html", lang)
    html = page(client, "/event/2019-12-11-eroeffnung-worldfactory-start-up-center.html", lang)
    assert f'<time datetime="2019-12-11">{date}</time>' in html
    assert "xsd:" not in html


def test_each_source_once_with_a_readable_name(client):
    html = page(client, PROJECT, "de")
    url = "https://www.4630.de/thema/bochum-strategie/"
    section = re.search(r'<section aria-labelledby="sources">(.*?)</section>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section)
    assert len(links) == len({href for href, _ in links}) >= 10  # each source once
    assert (url, "4630.de › thema › bochum-strategie") in links
    assert all(not text.startswith("http") for _, text in links)
    # outside that list a source appears only beside the figure whose statement it supports
    figure_row = re.search(r'<a href="/figure/haus-des-wissens--budget--3[^"]*".*?</li>', html, re.S).group(0)
    assert f'<a href="{url}"' in figure_row and "(Quelle: " in figure_row
    elsewhere = html.replace(section, "").replace(figure_row, "")
    assert f'<a href="{url}"' not in elsewhere
    summary = re.search(r'<section class="summary".*?</section>', html, re.S).group(0)
    assert "bochum-strategie/" not in summary.replace("w3id.org/bochum-strategie/", "")


@pytest.mark.parametrize("value, lang, text", [
    ("7850000", "de", "7.850.000"), ("7850000", "en", "7,850,000"), ("69.9", "de", "69,9"), ("145.66", "en", "145.66"),
    ("0.5", "de", "0,5"), ("-1234.5", "de", "-1.234,5"), ("1.0E3", "en", "1,000"), ("999", "de", "999"), ("x", "de", "x"),
])
def test_numbers(value, lang, text):
    assert formatting.number(value, lang) == text


@pytest.mark.parametrize("value, unit, lang, text", [
    ("7850000", "EUR", "de", f"7.850.000{NBSP}€"), ("7850000", "EUR", "en", "€7,850,000"),
    ("4.5", "%", "de", f"4,5{NBSP}%"), ("4.5", "%", "en", "4.5%"), ("11000", "m²", "en", f"11,000{NBSP}m²"),
    ("300", None, "de", "300"),
])
def test_amounts(value, unit, lang, text):
    assert formatting.amount(value, unit, lang) == text


@pytest.mark.parametrize("lexical, datatype, lang, text", [
    ("2019-12-11", "date", "de", "11. Dezember 2019"), ("2019-12-11", "date", "en", "11 December 2019"),
    ("2019-03-01Z", "date", "de", "1. März 2019"), ("2022-11", "gYearMonth", "de", "November 2022"),
    ("2022-11", "gYearMonth", "en", "November 2022"), ("2030", "gYear", "en", "2030"),
    ("2019-12-11T14:30:00", "dateTime", "en", "11 December 2019, 14:30"), ("2019-13", "gYearMonth", "de", "2019-13"),
    ("bald", "date", "de", "bald"),
])
def test_dates(lexical, datatype, lang, text):
    assert formatting.date_text(lexical, XSD + datatype, lang) == text


@pytest.mark.parametrize("url, text", [
    ("https://www.4630.de/thema/bochum-strategie/", "4630.de › thema › bochum-strategie"),
    ("https://bochum.de/Die-Bochum-Strategie%2FAktuelles-zur-Bochum-Strategie%2FAuf-dem-Weg-durch-das-Haus-des-Wissens",
     "bochum.de › Die-Bochum-Strategie › … › Auf-dem-Weg-durch-das-Haus-des-Wissens"),
    ("https://hausdeswissens.de/", "hausdeswissens.de"),
    ("https://www.bochum-tourismus.de/was-ist-los/news/entwicklung-hautnah-erleben.html",
     "bochum-tourismus.de › was-ist-los › … › entwicklung-hautnah-erleben"),
    ("https://www.ruhr24.de/bochum/bochum-markthalle-innenstadt-haus-des-wissens-city-rathaus-fertig-91895352.html?x=1",
     "ruhr24.de › bochum › bochum-markthalle-innenstadt-haus-des-w…"),
])
def test_source_names(url, text):
    assert formatting.source_text(url) == text
