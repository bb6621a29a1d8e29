"""Danish text details the whole site shares: excerpts cut where a reader expects a cut, the
genitive of a name, and one style of quotation marks (»…«)."""

import re

ELLIPSIS = "…"
# A full stop followed by a capital ends a sentence; "pga. indsatsen" and "f.eks. 8700" do not.
SENTENCE_END = re.compile(r"[.!?][»)]?(?=\s+[A-ZÆØÅ»\"(])")


def excerpt(text, limit):
    """`text` in at most `limit` characters: whole when it fits, else up to the last sentence
    that ends within the limit, else up to the last whole word with an ellipsis. Never a cut
    inside a word ("fortsa…")."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    # A sentence boundary is the better cut, when it keeps at least half the room.
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    ends = [end for end in ends if end <= limit and end >= limit // 2]
    if ends:
        return text[: ends[-1]].rstrip()
    # One character more than the cut may hold, to see whether a word ends right at its end.
    room = text[: limit - len(ELLIPSIS) + 1]
    cut = room.rsplit(" ", 1)[0] if " " in room else ""
    if not cut:
        # One word longer than the limit: nothing better than a hard cut.
        return text[: limit - len(ELLIPSIS)] + ELLIPSIS
    return cut.rstrip(" ,;:–-") + ELLIPSIS


def possessive(name):
    """The Danish genitive: "Horsens" -> "Horsens'", "Kolding" -> "Koldings"."""
    name = str(name or "").strip()
    if not name:
        return name
    if name[-1].lower() in "sxz":
        return f"{name}'"
    return f"{name}s"


# A quotation in the plan's print is ”…”, “…”, „…“ or "…": one style on the site, »…«.
QUOTED = re.compile(r"[\"”“„]([^\"”“„\n]{1,300}?)[\"”“]")


def danish_quotes(text):
    """Quotation marks as »…«, the style the site uses everywhere."""
    return QUOTED.sub(lambda match: f"»{match.group(1)}«", str(text or ""))


def starts_with(text, opening):
    """Whether `text` opens with `opening`, whatever the white space."""
    return " ".join(str(text).split()).startswith(" ".join(str(opening).split()))
