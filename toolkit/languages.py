"""Language tags as the web expects them (BCP 47, HTML's lang attribute).

TEI's xml:lang often holds ISO 639-2 codes ("fra", "ger", "lat") or tags that are not
registered at all; HTML wants the shortest registered subtag ("fr", "de", "la") and
rejects the rest. langcodes (the IANA registry as data) does the normalising.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def html_language(code: str) -> str:
    """The HTML lang of an xml:lang value: "fra" -> "fr", "de-DE" -> "de-DE", "la-Latn" -> "la";
    "" for a value that is no valid language tag (then the page says nothing rather than
    something wrong)."""
    # Imported here: its registry costs a fifth of a second to load, which a no-op build never needs.
    import langcodes

    code = code.strip()
    if not code or not langcodes.tag_is_valid(code):
        return ""
    try:
        return langcodes.standardize_tag(code)
    except (ValueError, LookupError):  # LanguageTagError is a ValueError
        return ""


def language_tags(codes) -> dict[str, str]:
    """{xml:lang value: its HTML lang} for the values `codes`."""
    return {code: html_language(code) for code in codes}
