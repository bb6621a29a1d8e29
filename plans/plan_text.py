"""Parse the text of a Samarbejdsplan into its structure.

The source is the text of the printed plan, typed, exported or extracted from a PDF or Word file
(plans/plan_files.py): a cover, a table of contents with page numbers, then the body with DEL
I/DEL II, numbered headings, paragraphs, bullets (nested by indentation or by a second bullet
glyph) and a run of signatories' names.

What real documents bring is mended before the structure is read: CRLF line ends, non-breaking
and soft hyphens, bullet glyphs (•, –, -, ▪ …), page headers and footers ("Side 4", a title
repeated on every page), paragraphs wrapped over several lines with words hyphenated at the line
end, and paragraphs that a page break split in two (`join_page_breaks`).

What cannot be mended is reported, in Danish with its page or line (`ParsedPlan.problems`): a
section of the contents missing from the body, a heading out of order, text that could not be
placed. Only a text without the structure of a plan raises PlanSourceError. Nothing here touches
the database, so a file is judged before anything is written.
"""

import datetime
import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TOC_TITLES = ("indhold", "indholdsfortegnelse")
NUMBER = r"(?P<number>\d{1,2}(?:\.\d{1,2})*)"
# A contents line: number, title, then a tab, dot leaders or spaces, and a page number.
TOC_LINE = re.compile(
    rf"^{NUMBER}\.?\s+(?P<title>\S.*?)(?:\t+\s*|\s*\.{{2,}}\s*|\s+)(?P<page>\d{{1,3}})\s*$"
)
TOC_START = re.compile(rf"^{NUMBER}\.?\s+\S")
TRAILING_PAGE = re.compile(r"(?:\t+\s*|\s*\.{2,}\s*|\s+)\d{1,3}\s*$")
HEADING = re.compile(rf"^{NUMBER}\.?\s+(?P<title>[A-ZÆØÅ].*)$")
PART = re.compile(r"^DEL\s+[IVX]+$")
BULLET = re.compile(r"^(?P<indent>[ \t]*)(?P<glyph>[-–—•▪■◦○●·*]|o(?=\s))[ \t]+(?P<text>\S.*)$")
PERSON_NAME = re.compile(r"^[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+){1,3}$")
YEAR = re.compile(r"^(19|20)\d{2}$")
MAX_HEADING_LENGTH = 150
# Page numbers a printed page carries: "Side 4", "Side 4 af 13", "4", "- 4 -", "4/13".
PAGE_NUMBER_LINE = re.compile(
    r"^(?:side\s*\d{1,3}(?:\s*(?:af|/)\s*\d{1,3})?|\d{1,3}(?:\s*/\s*\d{1,3})?|[-–]\s*\d{1,3}\s*[-–])$",
    re.IGNORECASE,
)
# A short line that stands on three or more pages is the page's header or footer.
REPEATED_LINE_MIN = 3
REPEATED_LINE_MAX_LENGTH = 80
# A word broken at the line end keeps its hyphen before these (a Danish "rocker- og bande...").
KEEP_HYPHEN_BEFORE = frozenset("og eller samt til".split())
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " ")

# A paragraph ending in one of these words stopped mid-sentence at a page break.
DANISH_FUNCTION_WORDS = frozenset(
    "af at da de den der det eller en et for fra hos hvor i med mellem men når og om på samt "
    "som til ved".split()
)
SENTENCE_END = tuple('.:!?”"')
MONTH_NAMES = "januar februar marts april maj juni juli august september oktober november december"
DANISH_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES.split(), start=1)}


class PlanSourceError(Exception):
    """The plan file is missing or does not have the structure of a plan."""


@dataclass(frozen=True)
class Location:
    line: int  # 1-based line of the extracted text
    page: int | None = None  # 1-based page, where the source has pages (PDF)

    def __str__(self):
        return f"side {self.page}" if self.page else f"linje {self.line}"


@dataclass(frozen=True)
class Problem:
    message: str
    location: Location | None = None

    def __str__(self):
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class Block:
    kind: str  # "paragraph", "list" or "signatories"
    text: str = ""
    items: list = field(default_factory=list)  # list: [{"text", "sub_items"}]; signatories: names
    location: Location | None = field(default=None, compare=False, repr=False)
    after_page_break: bool = field(default=False, compare=False, repr=False)


@dataclass
class Section:
    number: str
    title: str
    part: str
    blocks: list = field(default_factory=list)
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def depth(self):
        return self.number.count(".") + 1

    @property
    def paragraphs(self):
        return [block.text for block in self.blocks if block.kind == "paragraph"]


@dataclass
class TocEntry:
    number: str
    title: str
    page: int | None
    location: Location | None = None


@dataclass
class ParsedPlan:
    year: int
    cover_lines: list
    toc: list  # [(number, title)] as printed, page numbers dropped
    sections: list  # Section, in order
    parts: list  # "DEL I", "DEL II" in order
    problems: list = field(default_factory=list)  # Problem, in the order of the text
    removed_lines: Counter = field(default_factory=Counter)  # headers/footers taken out
    toc_entries: list = field(default_factory=list)  # TocEntry, with page numbers

    def section(self, number):
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)

    def subsections(self, number):
        prefix = number + "."
        return [
            s
            for s in self.sections
            if s.number.startswith(prefix) and s.depth == number.count(".") + 2
        ]

    @property
    def missing_sections(self):
        """The contents' numbers the body lacks."""
        numbers = {section.number for section in self.sections}
        return [entry.number for entry in self.toc_entries if entry.number not in numbers]

    @property
    def toc_report(self):
        """The body's sections against the document's own contents, in the body's order, with
        the contents' entries the body lacks where they stood: one row per number."""
        body = {section.number: section for section in self.sections}
        listed = {entry.number: entry for entry in self.toc_entries}
        rows = []
        for entry in self.toc_entries:
            section = body.get(entry.number)
            if section is None:
                rows.append(_toc_row(entry.number, entry.title, "", "mangler i teksten"))
        for section in self.sections:
            entry = listed.get(section.number)
            if entry is None:
                status = "står ikke i indholdsfortegnelsen"
            elif same_title(entry.title, section.title):
                status = "fundet"
            else:
                status = "stavet anderledes i indholdsfortegnelsen"
            rows.append(
                _toc_row(section.number, entry.title if entry else "", section.title, status)
            )
        return sorted(rows, key=lambda row: number_key(row["number"]))

    @property
    def parties(self):
        """The municipalities on the cover: its mixed-case lines before the plan's title."""
        names = []
        for line in self.cover_lines:
            if line.lower().startswith("samarbejdsplan"):
                break
            if not line.isupper() and not YEAR.match(line):
                names.append(line)
        return names

    @property
    def issuers(self):
        """The cover's upper-case lines as names: "Kredsrådet", "Sydøstjyllands Politi"."""
        groups, current = [], []
        for line in self.cover_lines:
            if line.isupper() and not YEAR.match(line):
                current.append(line.capitalize())
            elif current:
                groups.append(" ".join(current))
                current = []
        if current:
            groups.append(" ".join(current))
        return groups

    def find_paragraph(self, *needles):
        """The first paragraph (with its section) that contains every needle, case-insensitively."""
        for section in self.sections:
            for text in section.paragraphs:
                if all(needle.lower() in text.lower() for needle in needles):
                    return section, text
        return None, None

    @property
    def approval_statement(self):
        return self.find_paragraph("godkendt af Kredsrådet")[1] or ""

    @property
    def in_force_from(self):
        match = re.search(
            r"virkning fra (\d{1,2})\.\s+(\w+)\s+(\d{4})", self.approval_statement, re.IGNORECASE
        )
        if not match or match.group(2).lower() not in DANISH_MONTHS:
            return None
        day, month, year = match.groups()
        return datetime.date(int(year), DANISH_MONTHS[month.lower()], int(day))


def _toc_row(number, toc_title, body_title, status):
    return {"number": number, "toc_title": toc_title, "body_title": body_title, "status": status}


def number_key(number):
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def comparable_title(title):
    return " ".join(title.lower().strip(" .").split())


def same_title(first, second):
    return comparable_title(first) == comparable_title(second)


def title_similarity(first, second):
    return difflib.SequenceMatcher(None, comparable_title(first), comparable_title(second)).ratio()


def read_plan(path):
    path = Path(path)
    if not path.is_file():
        raise PlanSourceError(f"Planens tekstfil findes ikke: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanSourceError(
            f"Planens tekstfil kan ikke læses som UTF-8: {path} ({error})"
        ) from error
    return parse_plan(text)


@dataclass
class _Line:
    text: str  # with its leading indentation, trailing space removed
    location: Location
    page_break_before: bool = False

    @property
    def stripped(self):
        return self.text.strip()


def normalise_characters(text):
    """One kind of line end, space and dash: what editors and extractors vary in."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.translate(INVISIBLE).translate(SPACES)


def _split_lines(text):
    """The text's lines with their line and page; a form feed (from a PDF) starts a page."""
    has_pages = "\f" in text
    lines, page, pending_break = [], 1, False
    for number, raw in enumerate(text.split("\n"), start=1):
        breaks = raw.count("\f")
        if breaks:
            page += breaks
            pending_break = True
            raw = raw.replace("\f", "")
        if not raw.strip():
            continue
        lines.append(
            _Line(
                raw.rstrip(),
                Location(number, page if has_pages else None),
                page_break_before=pending_break,
            )
        )
        pending_break = False
    return lines


def _without_page_furniture(lines, removed):
    """The lines without page numbers and the header/footer repeated on every page."""

    def key(line):
        return re.sub(r"\d+", "#", " ".join(line.stripped.split()).lower())

    counts = Counter(
        key(line)
        for line in lines
        if len(line.stripped) <= REPEATED_LINE_MAX_LENGTH
        and not BULLET.match(line.text)
        and not HEADING.match(line.stripped)
        and not PART.match(line.stripped)
    )
    kept, pending_break = [], False
    for line in lines:
        text = line.stripped
        is_furniture = PAGE_NUMBER_LINE.match(text) or (
            counts.get(key(line), 0) >= REPEATED_LINE_MIN
            and len(text) <= REPEATED_LINE_MAX_LENGTH
            and not BULLET.match(line.text)
        )
        if is_furniture:
            # Where a header or footer stood, a page ended: the paragraphs around it may be one.
            removed[text] += 1
            pending_break = True
            continue
        if pending_break:
            line.page_break_before = True
            pending_break = False
        kept.append(line)
    return kept


def parse_plan(text, wrapped_lines=True, year=None):
    """The plan in `text`. With wrapped_lines, a paragraph may run over several lines (typed or
    extracted text); without, every line is a paragraph of its own (a Word document's). `year`
    is the plan's year where the cover does not say it."""
    lines = _split_lines(normalise_characters(text))
    toc_start = next(
        (i for i, line in enumerate(lines) if line.stripped.lower().rstrip(":") in TOC_TITLES),
        None,
    )
    if toc_start is None:
        raise PlanSourceError('Planen har ingen indholdsfortegnelse (en linje "Indhold").')

    cover_lines = [line.stripped for line in lines[:toc_start]]
    cover_year = next((int(line) for line in cover_lines if YEAR.match(line)), None)
    problems = []
    if year is None:
        year = cover_year
    elif cover_year is not None and cover_year != year:
        problems.append(
            Problem(f"Forsiden nævner {cover_year}, men planen læses som plan for {year}.")
        )
    if year is None:
        raise PlanSourceError("Planens forside nævner ikke planens år; angiv året.")

    removed = Counter()
    rest = _without_page_furniture(lines[toc_start + 1 :], removed)
    toc_entries, body_start = _parse_toc(rest)
    if not toc_entries or body_start is None:
        raise PlanSourceError(
            "Indholdsfortegnelsen er tom, eller planen har ingen tekst efter den."
        )

    body = rest[body_start:]
    sections, parts = _parse_body(_logical_lines(body) if wrapped_lines else body, problems)
    _check_sections(toc_entries, sections, problems)
    problems.sort(key=lambda problem: problem.location.line if problem.location else 0)
    return ParsedPlan(
        year=year,
        cover_lines=cover_lines,
        toc=[(entry.number, entry.title) for entry in toc_entries],
        sections=sections,
        parts=parts,
        problems=problems,
        removed_lines=removed,
        toc_entries=toc_entries,
    )


def _parse_toc(lines):
    """The contents' entries, and the index of the body's first line. An entry whose title
    wraps onto a second line (the page number at its end) is read as one."""
    entries, index = [], 0
    while index < len(lines):
        text = lines[index].stripped
        match = TOC_LINE.match(lines[index].text.strip())
        if match is None and TOC_START.match(text) and index + 1 < len(lines):
            following = lines[index + 1].stripped
            if not TOC_START.match(following) and TRAILING_PAGE.search(following):
                match = TOC_LINE.match(f"{text} {following}")
                if match:
                    index += 1
        if match is None:
            break
        page = int(match["page"])
        if entries and entries[-1].page is not None and page < entries[-1].page:
            break  # page numbers only grow: a lower one is the body's text, not the contents
        title = match["title"].strip()
        entries.append(TocEntry(match["number"], title, page, lines[index].location))
        index += 1
    return entries, (index if index < len(lines) else None)


def _starts_block(text):
    return bool(BULLET.match(text) or PART.match(text.strip()) or _heading(text.strip()))


def _heading(text):
    match = HEADING.match(text)
    if match and len(text) <= MAX_HEADING_LENGTH:
        return match
    return None


def _join_wrapped(first, second):
    """Two lines of one wrapped paragraph; a word hyphenated at the line end is made whole."""
    if re.search(r"[a-zæøå]-$", first) and re.match(r"[a-zæøå]", second):
        next_word = second.split(" ", 1)[0].strip(",.;:")
        if next_word not in KEEP_HYPHEN_BEFORE:
            return first[:-1] + second
    return f"{first} {second}"


def _logical_lines(lines):
    """Lines of a paragraph wrapped in the source, joined: a line that does not start a new
    block (bullet, heading, part) continues the one above it when no blank line separates them."""
    logical, previous_number = [], None
    for line in lines:
        text = line.text
        number = line.location.line
        consecutive = (
            logical
            and previous_number is not None
            and number == previous_number + 1
            and not line.page_break_before
            and not _heading(logical[-1].stripped)
            and not PART.match(logical[-1].stripped)
        )
        # A dash at the start of a line inside a running paragraph (one that has not ended its
        # sentence or introduced a list with ":") is the paragraph's dash, not a bullet.
        dash_in_paragraph = (
            consecutive
            and BULLET.match(text)
            and not BULLET.match(logical[-1].text)
            and not logical[-1].stripped.endswith(SENTENCE_END)
        )
        continues = consecutive and (not _starts_block(text) or dash_in_paragraph)
        # A bullet's text that runs on over a page break: its second half starts in lower case.
        continues_bullet = (
            logical
            and line.page_break_before
            and BULLET.match(logical[-1].text)
            and not logical[-1].stripped.endswith(SENTENCE_END)
            and not _starts_block(text)
            and text.strip()[0].islower()
        )
        if continues or continues_bullet:
            logical[-1].text = _join_wrapped(logical[-1].text, text.strip())
        else:
            logical.append(_Line(text, line.location, line.page_break_before))
        previous_number = number
    return logical


def _parse_body(lines, problems):
    sections, parts = [], []
    current_part = ""
    section = None
    list_glyph, list_indent = None, 0
    for line in lines:
        raw, text = line.text, line.stripped
        if PART.match(text):
            current_part = text
            parts.append(text)
            list_glyph = None
            continue
        heading = _heading(text)
        if heading:
            section = Section(
                heading["number"], heading["title"].strip(), current_part, location=line.location
            )
            sections.append(section)
            list_glyph = None
            continue
        if section is None:
            problems.append(
                Problem(f'Teksten står før planens første afsnit: "{text[:60]}"', line.location)
            )
            continue
        bullet = BULLET.match(raw)
        last = section.blocks[-1] if section.blocks else None
        if bullet:
            indent = len(bullet["indent"].expandtabs(4))
            item_text = bullet["text"].strip()
            in_list = last is not None and last.kind == "list" and list_glyph is not None
            is_sub = in_list and (indent > list_indent or bullet["glyph"] != list_glyph)
            if not in_list and indent > 0:
                problems.append(
                    Problem(
                        "Et underpunkt står uden et punkt over sig og er sat som punkt: "
                        f'"{text[:60]}"',
                        line.location,
                    )
                )
            if is_sub:
                last.items[-1]["sub_items"].append(item_text)
            else:
                item = {"text": item_text, "sub_items": []}
                if in_list:
                    last.items.append(item)
                else:
                    section.blocks.append(Block("list", items=[item], location=line.location))
                    list_glyph, list_indent = bullet["glyph"], indent
        else:
            section.blocks.append(
                Block(
                    "paragraph",
                    text=" ".join(text.split()),
                    location=line.location,
                    after_page_break=line.page_break_before,
                )
            )
            list_glyph = None
    for section in sections:
        section.blocks = _group_signatories(join_page_breaks(section.blocks))
    if not sections:
        raise PlanSourceError("Planen har ingen nummererede afsnit.")
    return sections, parts


def join_page_breaks(blocks):
    """Join paragraphs that a printed page break split in two.

    A paragraph continues in the next one when it stops mid-sentence: the next begins in lower
    case or with a parenthesis, or this one ends on a function word ("mellem", "og" …), or a
    page break of the source stands between them (unless both are just a person's name).
    """
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == block.kind == "paragraph"
            and _continues(previous.text, block.text, block.after_page_break)
        ):
            previous.text = _join_wrapped(previous.text, block.text)
        else:
            joined.append(block)
    return joined


def _continues(text, next_text, page_break=False):
    if text.endswith(SENTENCE_END):
        return False
    last_word = text.rsplit(" ", 1)[-1].lower()
    first = next_text[0]
    if page_break and not (PERSON_NAME.match(text) and PERSON_NAME.match(next_text)):
        return True
    return first.islower() or first == "(" or last_word in DANISH_FUNCTION_WORDS


def _group_signatories(blocks):
    """A run of three or more paragraphs that are each just a person's name is a signature list."""
    grouped, run = [], []

    def flush():
        if len(run) >= 3:
            grouped.append(
                Block("signatories", items=[b.text for b in run], location=run[0].location)
            )
        else:
            grouped.extend(run)
        run.clear()

    for block in blocks:
        if block.kind == "paragraph" and PERSON_NAME.match(block.text):
            run.append(block)
        else:
            flush()
            grouped.append(block)
    flush()
    return grouped


def _check_sections(toc_entries, sections, problems):
    numbers = [section.number for section in sections]
    duplicates = sorted({number for number in numbers if numbers.count(number) > 1}, key=number_key)
    if duplicates:
        where = ", ".join(
            f"{number} ({', '.join(str(s.location) for s in sections if s.number == number)})"
            for number in duplicates
        )
        raise PlanSourceError(f"Afsnitsnumre står flere gange i teksten: {where}")

    previous = None
    for section in sections:
        if previous is not None and number_key(section.number) < number_key(previous.number):
            problems.append(
                Problem(
                    f"Afsnit {section.number} står efter afsnit {previous.number}: overskriften "
                    "står uden for nummerrækkefølgen.",
                    section.location,
                )
            )
        previous = section

    by_number = {section.number: section for section in sections}
    for entry in toc_entries:
        section = by_number.get(entry.number)
        if section is None:
            problems.append(
                Problem(
                    f'Afsnit {entry.number} "{entry.title}" står i indholdsfortegnelsen, men '
                    "findes ikke i teksten.",
                    entry.location,
                )
            )
        elif not same_title(entry.title, section.title):
            problems.append(
                Problem(
                    f'Afsnit {entry.number} hedder "{entry.title}" i indholdsfortegnelsen, men '
                    f'"{section.title.rstrip(". ")}" i teksten; teksten bruges.',
                    section.location,
                )
            )
    listed = {entry.number for entry in toc_entries}
    for section in sections:
        if section.number not in listed:
            problems.append(
                Problem(
                    f'Afsnit {section.number} "{section.title.rstrip(". ")}" står i teksten, men '
                    "ikke i indholdsfortegnelsen.",
                    section.location,
                )
            )
