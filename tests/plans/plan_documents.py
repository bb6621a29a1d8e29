"""Plan documents made here from the 2017 text, the way real ones come: typed with other bullet
glyphs and line ends, wrapped and hyphenated with page headers and footers, as a PDF and as a
Word file, with sections renumbered, added or removed.

The 2017 text is read here on its own terms (not with the parser under test) into a simple
model: the cover, the contents and the body's items. Each renderer writes that model; each
mutation changes it; `expected_sections` says what the import must give back.
"""

import io
import re
import textwrap
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+([A-ZÆØÅ].*)$")
TOC_LINE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+?)\t+\s*(\d+)\s*$")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Words too short to hyphenate, and the words before which a line-end hyphen is kept.
HYPHENATE_MIN = 10


@dataclass
class PlanModel:
    cover: list
    toc: list  # [number, title, page]
    body: list  # [kind, number?, text]: ("part", text) ("heading", number, title) ("para", text)
    # ("bullet", text) ("sub", text)
    year: int = 2017
    notes: dict = field(default_factory=dict)


def read_model(text=None):
    text = text if text is not None else Path(settings.PLAN_SOURCE_FILE).read_text("utf-8")
    lines = text.split("\n")
    toc_index = lines.index("Indhold")
    cover = [line.strip() for line in lines[:toc_index] if line.strip()]
    toc, index = [], toc_index + 1
    while index < len(lines):
        line = lines[index]
        match = TOC_LINE.match(line)
        if line.strip() and not match:
            break
        if match:
            toc.append([match[1], match[2].strip(), int(match[3])])
        index += 1
    body = []
    for line in lines[index:]:
        if not line.strip():
            continue
        if line.startswith("DEL "):
            body.append(["part", line.strip()])
        elif line.startswith(" - "):
            body.append(["sub", line[3:].strip()])
        elif line.startswith("- "):
            body.append(["bullet", line[2:].strip()])
        elif HEADING.match(line) and len(line) <= 150:
            number, title = HEADING.match(line).groups()
            body.append(["heading", number, title.strip()])
        else:
            body.append(["para", line.strip()])
    return PlanModel(cover=cover, toc=toc, body=body)


def with_year(model, year):
    model = deepcopy(model)
    model.cover = [str(year) if line == str(model.year) else line for line in model.cover]
    model.year = year
    return model


# -- mutations ------------------------------------------------------------------------------


def _section_range(model, number):
    start = next(
        i for i, item in enumerate(model.body) if item[0] == "heading" and item[1] == number
    )
    end = next(
        (i for i in range(start + 1, len(model.body)) if model.body[i][0] in ("heading", "part")),
        len(model.body),
    )
    return start, end


def renumber(model, old, new):
    model = deepcopy(model)
    for item in model.body:
        if item[0] == "heading" and item[1] == old:
            item[1] = new
    for entry in model.toc:
        if entry[0] == old:
            entry[0] = new
    return model


def remove_section(model, number):
    model = deepcopy(model)
    start, end = _section_range(model, number)
    del model.body[start:end]
    model.toc = [entry for entry in model.toc if entry[0] != number]
    return model


def add_section(model, after, number, title, paragraphs):
    model = deepcopy(model)
    _start, end = _section_range(model, after)
    model.body[end:end] = [["heading", number, title]] + [["para", text] for text in paragraphs]
    position = next(i for i, entry in enumerate(model.toc) if entry[0] == after) + 1
    page = model.toc[position - 1][2]
    model.toc.insert(position, [number, title, page])
    return model


def retitle_in_toc(model, number, title):
    model = deepcopy(model)
    for entry in model.toc:
        if entry[0] == number:
            entry[1] = title
    return model


def change_paragraph(model, number, old, new):
    model = deepcopy(model)
    start, end = _section_range(model, number)
    for item in model.body[start:end]:
        if item[0] in ("para", "bullet", "sub") and old in item[-1]:
            item[-1] = item[-1].replace(old, new)
            return model
    raise ValueError(f"{old!r} not in section {number}")


# -- what the import must give --------------------------------------------------------------


def words(text):
    return text.split()


def expected_sections(model):
    """[(number, title, words of its text)] in the order of the body."""
    sections = []
    for item in model.body:
        if item[0] == "heading":
            sections.append((item[1], item[2].rstrip(". "), []))
        elif item[0] in ("para", "bullet", "sub") and sections:
            sections[-1][2].extend(words(item[-1]))
    return sections


def imported_sections(page_sections):
    """The same from a PlanPage's sections (plans.sections data)."""
    result = []
    for section in page_sections:
        text = []
        for block in section["blocks"]:
            if block["kind"] == "list":
                for item in block["items"]:
                    text.extend(words(item["text"]))
                    for sub in item["sub_items"]:
                        text.extend(words(sub))
            elif block["kind"] == "signatories":
                for name in block["items"]:
                    text.extend(words(name))
            else:
                text.extend(words(block["text"]))
        result.append((section["number"], section["title"].rstrip(". "), text))
    return result


# -- renderers ------------------------------------------------------------------------------


def _hyphenated_wrap(text, width):
    """Wrap at `width`, breaking a long lower-case word at the line end with a hyphen, as a
    typesetter does."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - (1 if line else 0) - 1
        if word.isalpha() and word.islower() and len(word) >= HYPHENATE_MIN and room >= 4:
            cut = min(room, len(word) - 4)
            lines.append(f"{line} {word[:cut]}-" if line else f"{word[:cut]}-")
            line = word[cut:]
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _dash_kept_on_the_line(lines):
    """A line of running text never starts with a dash (it would read as a bullet): the dash
    goes to the end of the line before, as a typesetter keeps it."""
    for index in range(1, len(lines)):
        head, _space, rest = lines[index].partition(" ")
        if head in ("-", "–", "—") and rest:
            lines[index - 1] += f" {head}"
            lines[index] = rest
    return lines


def _lines_of(model, glyph, sub_glyph, sub_indent, wrap, hyphenate):
    """The document as (kind, lines) blocks."""
    blocks = [("cover", [line]) for line in model.cover]
    blocks.append(("title", ["Indhold"]))
    blocks.append(("toc", [f"{n}{'.' if '.' not in n else ''} {t}\t{p}" for n, t, p in model.toc]))
    for item in model.body:
        kind, text = item[0], item[-1]
        if kind == "heading":
            number = item[1] + ("." if "." not in item[1] else "")
            blocks.append(("heading", [f"{number} {text}"]))
            continue
        prefix = {"bullet": f"{glyph} ", "sub": f"{sub_indent}{sub_glyph} "}.get(kind, "")
        if wrap:
            wrapper = _hyphenated_wrap if hyphenate else (lambda t, w: textwrap.wrap(t, w))
            lines = _dash_kept_on_the_line(wrapper(text, wrap - len(prefix)))
            lines = [prefix + lines[0]] + [" " * len(prefix) + rest for rest in lines[1:]]
        else:
            lines = [prefix + text]
        blocks.append((kind, lines))
    return blocks


def render_text(
    model,
    *,
    line_end="\n",
    nbsp=False,
    glyph="-",
    sub_glyph="-",
    sub_indent=" ",
    wrap=None,
    hyphenate=False,
    furniture=None,
    lines_per_page=40,
):
    """The plan as a text file. `furniture` ("header" text) adds a header and a "Side N"
    footer every `lines_per_page` lines of the body, wherever they fall."""
    out, body_lines, page = [], 0, 2
    blocks = _lines_of(model, glyph, sub_glyph, sub_indent, wrap, hyphenate)
    for position, (kind, lines) in enumerate(blocks):
        for line in lines:
            if nbsp:
                # Non-breaking spaces where word processors put them: after numbers, in "m.v.".
                line = re.sub(r"(\d) ", "\\1\u00a0", line)
            out.append(line)
            if kind not in ("cover", "title"):
                body_lines += 1
                if furniture and body_lines % lines_per_page == 0:
                    out.extend(["", f"Side {page}", "", furniture, ""])
                    page += 1
        following = blocks[position + 1][0] if position + 1 < len(blocks) else None
        if not (kind in ("bullet", "sub") and following in ("bullet", "sub")):
            out.append("")
    # Bullets of one list stand on consecutive lines; everything else is blank-separated.
    text = "\n".join(_tidy(out))
    return text.replace("\n", line_end)


def _tidy(lines):
    result = []
    for line in lines:
        if line == "" and result and result[-1] == "":
            continue
        result.append(line)
    return result


def render_pdf(model, header="Samarbejdsplan"):
    from fpdf import FPDF

    class PlanPDF(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, f"{header} {model.year}", align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(8)

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Side {self.page_no()}", align="C")

    pdf = PlanPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    for kind, lines in _lines_of(model, "•", "–", "", 85, True):
        if kind == "title":
            pdf.add_page()
        for line in lines:
            indent = 8 if kind == "sub" else (4 if kind == "bullet" else 0)
            pdf.set_x(pdf.l_margin + indent)
            if kind == "toc":
                # One text run per line, the page number after dot leaders.
                for entry in line.split("\n"):
                    title, number = entry.rsplit("\t", 1)
                    pdf.cell(0, 5, f"{title} ..... {number}", new_x="LMARGIN", new_y="NEXT")
                continue
            pdf.cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        if kind not in ("bullet", "sub"):
            pdf.ln(5)
        if kind == "toc":
            pdf.add_page()
    return bytes(pdf.output())


def render_docx(model):
    import docx

    document = docx.Document()
    for kind, lines in _lines_of(model, "", "", "", None, False):
        for line in lines:
            if kind == "toc":
                for entry in line.split("\n"):
                    document.add_paragraph(entry)
            elif kind == "bullet":
                document.add_paragraph(line.strip(), style="List Bullet")
            elif kind == "sub":
                document.add_paragraph(line.strip(), style="List Bullet 2")
            elif kind == "part":
                document.add_page_break()
                document.add_paragraph(line)
            else:
                document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
