"""The archival-reference parser: the forms of Russian and post-Soviet citations, and messy text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.ingest.archival import Repositories, find_reference, folio_bounds, parse_references

REPOSITORIES = Repositories({
    "rgaspi": "rgaspi", "russian state archive of socio-political history": "rgaspi",
    "avpr": "avpr", "garf": "garf", "гарф": "garf",
    "central state historical archive of armenia": "csha-armenia",
})


def parts(holding) -> dict:
    return {k: getattr(holding, k) for k in
            ("repository", "repository_ref", "inherited", "fond", "opis", "papka", "delo",
             "folios", "folios_from", "folios_to", "kind", "kind_text")}


def only(text: str):
    holdings = parse_references(text, REPOSITORIES)
    assert len(holdings) == 1, holdings
    return holdings[0]


def test_fond_opis_delo_list():
    assert parts(only("RGASPI, f. 17, op. 84, d. 104, l. 22.")) == {
        "repository": "RGASPI", "repository_ref": "rgaspi", "inherited": False, "fond": "17", "opis": "84",
        "papka": "", "delo": "104", "folios": "l. 22", "folios_from": "22", "folios_to": "22",
        "kind": "", "kind_text": ""}


def test_folio_range_ending_verso_and_the_kind_of_copy():
    holding = only("RGASPI, f. 64, op. 1, d. 17, ll. 79–81 verso. Telegraph form.")
    assert (holding.folios, holding.folios_from, holding.folios_to) == ("ll. 79–81 verso", "79", "81v")
    assert (holding.kind, holding.kind_text) == ("telegraph-form", "Telegraph form")


@pytest.mark.parametrize("printed, kind", [
    ("Telegraph tape", ""), ("Draft", ""), ("Телеграфная лента", ""), ("Телеграфный бланк", ""), ("Черновик", "")])
def test_kinds_without_a_subtype_stay_in_the_reference(printed, kind):
    text = f"RGVA, f. 190, op. 3, d. 141, ll. 1–2. {printed}. Note: the tape is torn."
    reference = find_reference(text, Repositories())
    assert (reference.holdings[0].kind, reference.holdings[0].kind_text) == (kind, printed)
    assert text[reference.end:] == " Note: the tape is torn."


@pytest.mark.parametrize("printed, bounds", [
    ("ll. 79–81 verso", ("79", "81v")), ("ll. 158–158 verso", ("158", "158v")), ("l. 182 verso", ("182v", "182v")),
    ("ll. 143–144", ("143", "144")), ("л. 145 об.", ("145v", "145v")), ("ll. 3 ob.–4", ("3v", "4")),
])
def test_folio_bounds(printed, bounds):
    assert folio_bounds(printed)[:2] == bounds


def test_papka_with_a_letter_and_delo_with_a_letter():
    holding = only("AVPR, f. 04, op. 51, p. 321a, d. 54870, l. 13. Official copy.")
    assert (holding.fond, holding.opis, holding.papka, holding.delo) == ("04", "51", "321a", "54870")
    assert holding.kind == "official-copy"
    assert only("AVPR, f. 148, op. 3, p. 1, d. 1a, ll. 22–22 verso. Certified copy.").delo == "1a"


@pytest.mark.parametrize("fond", ["R-478", "Р-627"])  # Latin R and Cyrillic Р, kept as printed
def test_fond_with_a_letter_prefix(fond):
    holding = only(f"GARF, f. {fond}, op. 1, d. 3, l. 4.")
    assert holding.fond == fond and holding.repository_ref == "garf"


def test_cyrillic_citation():
    holding = only("ГАРФ, ф. 64, оп. 1, д. 21, л. 145 об. Копия.")
    assert parts(holding) | {"kind_text": ""} == {
        "repository": "ГАРФ", "repository_ref": "garf", "inherited": False, "fond": "64", "opis": "1",
        "papka": "", "delo": "21", "folios": "л. 145 об.", "folios_from": "145v", "folios_to": "145v",
        "kind": "", "kind_text": ""}
    assert holding.kind_text == "Копия"  # printed, but the edition's @subtype values are English words


def test_several_holdings_separated_by_semicolons():
    first, second = parse_references(
        "RGASPI, f. 64, op. 1, d. 21, l. 145. Copy; AVPR, f. 04, op. 51, p. 321a, d. 54870, l. 13. Official copy.",
        REPOSITORIES)
    assert (first.repository_ref, first.kind, first.text) == ("rgaspi", "copy", "RGASPI, f. 64, op. 1, d. 21, l. 145. Copy;")
    assert (second.repository_ref, second.papka, second.kind) == ("avpr", "321a", "official-copy")


def test_also_in_inherits_the_repository():
    first, second = parse_references(
        "RGASPI, f. 64, op. 1, d. 21, ll. 143–144. Copy; also in f. 5, op. 1, d. 2127, l. 7. Copy.", REPOSITORIES)
    assert not first.inherited
    assert (second.inherited, second.repository_ref, second.fond, second.delo) == (True, "rgaspi", "5", "2127")
    assert second.text == "also in f. 5, op. 1, d. 2127, l. 7. Copy."


def test_repository_by_full_name_after_a_signature():
    text = "Staff Captain Agarov Central State Historical Archive of Armenia, f. 200, op. 1, d. 427, l. 182 verso. Printed copy."
    reference = find_reference(text, REPOSITORIES)
    assert text[reference.start:].startswith("Central State Historical Archive of Armenia")
    assert reference.holdings[0].repository_ref == "csha-armenia"
    assert reference.holdings[0].kind == "printed-copy"


def test_an_abbreviation_inside_an_archive_name_does_not_cut_it():
    text = "K. Belov Central State Archive of St. Petersburg, f. 1000, op. 3, d. 46, l. 2. Copy."
    reference = find_reference(text, Repositories())
    assert reference.holdings[0].repository == "Central State Archive of St. Petersburg"
    assert text[:reference.start] == "K. Belov "


def test_unknown_repository_is_kept_as_written_and_flagged():
    holding = only("TsGA RUz, f. 17, op. 1, d. 1037, l. 88.")
    assert (holding.repository, holding.repository_ref) == ("TsGA RUz", "")
    assert any("not in the authority list" in problem for problem in holding.unsure)


def test_where_the_reference_ends_the_notes_begin():
    text = "RGVA, f. 109, op. 1, d. 40, l. 56. (Emphasis added – Yu.B.) Response to the telegram."
    reference = find_reference(text, Repositories({"rgva": "rgva"}))
    assert text[reference.end:] == " (Emphasis added – Yu.B.) Response to the telegram."


def test_text_without_a_reference():
    assert parse_references("The fond of goodwill was spent, op. cit.") == []


LABELS = st.sampled_from([("f", "op", "d", "ll"), ("ф", "оп", "д", "лл")])
VALUES = st.from_regex(r"\A(?:[RР]-)?[0-9]{1,5}[aа]?\Z", fullmatch=True)
KIND_TEXT = st.sampled_from(["", ". Copy", ". Official copy", ". Typescript", ". Telegraph form"])


@settings(deadline=None, max_examples=150)
@given(LABELS, VALUES, VALUES, VALUES, st.integers(1, 999), st.integers(0, 50), st.booleans(), KIND_TEXT,
       st.sampled_from(["RGASPI", "AVPR", "GARF"]))
def test_generated_citations_give_back_their_parts(labels, fond, opis, delo, first, extra, verso, kind, repository):
    f, op, d, ll = labels
    folios = f"{first}–{first + extra}{' verso' if verso else ''}"
    text = f"{repository}, {f}. {fond}, {op}. {opis}, {d}. {delo}, {ll}. {folios}{kind}."
    holding = only(text)
    assert (holding.fond, holding.opis, holding.delo) == (fond, opis, delo)
    assert (holding.folios_from, holding.folios_to) == (str(first), f"{first + extra}{'v' if verso else ''}")
    assert holding.repository_ref == repository.casefold()
    assert holding.text == text  # every character of the citation is in the holding's segments


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("f.op,dlл ф1234;ab–-RР verso об.Copy\n")), max_size=80))
def test_messy_text_never_breaks_the_parser_and_loses_no_character(text):
    reference = find_reference(text, REPOSITORIES)
    if reference is not None:
        assert "".join(h.text for h in reference.holdings).replace(" ", "") == \
            text[reference.start:reference.end].replace(" ", "").replace("\n", "")
        for holding in reference.holdings:
            for bound in (holding.folios_from, holding.folios_to):
                assert bound == "" or bound.rstrip("v").isdigit()
