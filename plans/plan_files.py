"""The text of a plan file as the council produces it: plain text, PDF or Word (.docx).

A PDF's text comes from pdfminer.six, whose layout analysis keeps a paragraph's lines together
and separates paragraphs by a blank line, with a form feed at each page end (so problems can
name their page). A Word document is read with python-docx, one paragraph per line (a problem
names its paragraph as "linje N": Word's pages exist only when Word lays them out); its bullet
paragraphs (list styles or numbering) are written as "- " items indented by their level.
"""

import io
from pathlib import Path

from plans.plan_text import PlanSourceError, parse_plan

KINDS = {".txt": "tekst", ".pdf": "PDF", ".docx": "Word"}
ACCEPTED = ", ".join(KINDS)


def kind_of(filename):
    suffix = Path(filename or "").suffix.lower()
    if suffix not in KINDS:
        raise PlanSourceError(
            f'Filtypen "{suffix or filename}" kan ikke læses. Brug en PDF-fil, et '
            "Word-dokument (.docx) eller en tekstfil (.txt)."
        )
    return suffix


def read_plan_file(path, year=None):
    path = Path(path)
    if not path.is_file():
        raise PlanSourceError(f"Filen findes ikke: {path}")
    return parse_plan_file(path.read_bytes(), path.name, year=year)


def extract_text(data, filename):
    """The file's text, and whether a paragraph may wrap over several lines in it (not in a
    Word document, where every line is a paragraph)."""
    suffix = kind_of(filename)
    if suffix == ".txt":
        return _text_of_plain(data), True
    if suffix == ".pdf":
        return _text_of_pdf(data), True
    return _text_of_docx(data), False


def parse_plan_file(data, filename, year=None):
    """The parsed plan of a file's bytes; PlanSourceError (in Danish) when it cannot be read.
    `year` is the plan's year where the cover does not say it (or says another)."""
    text, wrapped_lines = extract_text(data, filename)
    return parse_plan(text, wrapped_lines=wrapped_lines, year=year)


def _text_of_plain(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanSourceError(
            f"Tekstfilen kan ikke læses som UTF-8 (byte {error.start}). Gem den som UTF-8."
        ) from error


def _text_of_pdf(data):
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    # pdfminer raises its own and Python's errors on a damaged file; any of them means the same.
    except Exception as error:  # noqa: BLE001
        raise PlanSourceError(
            f"PDF-filen kan ikke læses ({type(error).__name__}). Er det en gyldig PDF?"
        ) from error
    if not text.replace("\f", "").strip():
        raise PlanSourceError(
            "PDF-filen indeholder ingen tekst, der kan læses (er den scannet som billeder?)."
        )
    return text


def _text_of_docx(data):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise PlanSourceError(
            "Word-filen kan ikke læses. Gem den som .docx (Word 2007 eller nyere)."
        ) from error
    except Exception as error:  # noqa: BLE001 - a damaged zip raises zipfile's own errors
        raise PlanSourceError(f"Word-filen kan ikke læses ({type(error).__name__}).") from error
    # Style names by id, read once: python-docx looks a paragraph's style up by a linear scan.
    style_names = {style.style_id: style.name or "" for style in document.styles}
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.replace("\n", " ")
        level = _list_level(paragraph, style_names)
        if level is not None and text.strip():
            text = " " * level + "- " + text.strip()
        lines.append(text)
    return "\n".join(lines)


def _list_level(paragraph, style_names):
    """0 for a bullet, 1 for a sub-bullet; None for a paragraph that is no list item."""
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.ilvl is not None:
        return int(numbering.ilvl.val)
    if numbering is not None:
        return 0
    style = style_names.get(paragraph._p.style or "", "")
    if style.lower().startswith(("list bullet", "opstilling med punkttegn")):
        parts = style.rsplit(" ", 1)
        return int(parts[1]) - 1 if len(parts) == 2 and parts[1].isdigit() else 0
    return None
